package checker

import "sync"

// pool runs the tasks of every root of a scan on one set of workers, the
// earliest root's first: a worker takes a later root's task only when the
// earlier roots have none queued (they wait for their slowest unit at the
// end of a step). So the workers are never idle while some root has work,
// and the scan holds about one root's parsed modules and templates at a
// time rather than several roots' at once.
//
// Workers start as tasks back up, up to max, and a root that waits for its
// tasks runs those still queued itself while fewer than max are running:
// an empty scan starts no goroutine, and a scan of one template or one
// module runs on the caller's. Each goroutine costs a stack grown from 2
// KB and copied at each doubling, and work on a second processor fills
// that processor's own allocation caches: fresh pages on a cold start,
// 25-35 us each on a VM, for nothing when a single task is all there is.
type pool struct {
	mu      sync.Mutex
	ready   *sync.Cond
	queues  [][]func() // by root, in the order of the scan's roots
	queued  int        // tasks in queues
	closed  bool
	max     int // tasks running at once, at most
	started int // workers started
	helping int // roots running one of their tasks in wait
	idle    int // workers waiting for a task that no run has woken yet
	wg      sync.WaitGroup
}

// newPool makes a pool that runs up to workers tasks at once for roots
// queues.
func newPool(workers, roots int) *pool {
	p := &pool{queues: make([][]func(), roots), max: max(workers, 1)}
	p.ready = sync.NewCond(&p.mu)
	return p
}

func (p *pool) work() {
	for {
		f := p.take()
		if f == nil {
			return
		}
		f()
	}
}

// take returns the first task of the earliest root that has one, waiting
// for one; nil once the pool is closed and every queue is empty.
func (p *pool) take() func() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		for i := range p.queues {
			if f := p.pop(i); f != nil {
				return f
			}
		}
		if p.closed {
			return nil
		}
		p.idle++ // until a run wakes it (and counts it off) or close
		p.ready.Wait()
	}
}

// pop takes the first task of root i's queue, nil when it has none; p.mu
// is held.
func (p *pool) pop(i int) func() {
	q := p.queues[i]
	if len(q) == 0 {
		return nil
	}
	f := q[0]
	q[0] = nil
	p.queues[i] = q[1:]
	p.queued--
	return f
}

// dispatch wakes an idle worker for a queued task, or starts one while
// fewer than max tasks run; backlog is how many tasks must be queued
// before a worker is started. p.mu is held.
func (p *pool) dispatch(backlog int) {
	switch {
	case p.queued == 0:
	case p.idle > 0:
		p.idle--
		p.ready.Signal()
	case p.queued >= backlog && p.started+p.helping < p.max:
		p.started++
		p.wg.Go(p.work)
	}
}

// close lets the workers end once every queued task has run, and waits
// for them.
func (p *pool) close() {
	p.mu.Lock()
	p.closed = true
	p.idle = 0
	p.mu.Unlock()
	p.ready.Broadcast()
	p.wg.Wait()
}

// rootTasks queues the tasks of one root on the pool and tells when those
// queued so far have run (a step of the root).
type rootTasks struct {
	pool    *pool
	root    int
	pending sync.WaitGroup
}

func (p *pool) root(i int) *rootTasks { return &rootTasks{pool: p, root: i} }

// run queues f. A worker is started for it only when another task is
// queued too: a lone task waits for the root's wait, which runs it.
func (r *rootTasks) run(f func()) {
	r.pending.Add(1)
	p := r.pool
	p.mu.Lock()
	p.queues[r.root] = append(p.queues[r.root], func() {
		defer r.pending.Done()
		f()
	})
	p.queued++
	p.dispatch(2)
	p.mu.Unlock()
}

// wait returns when every task queued so far has run. While fewer than max
// tasks run, it runs the root's queued tasks itself; when it stops, a
// worker takes over the tasks still queued.
func (r *rootTasks) wait() {
	p := r.pool
	p.mu.Lock()
	for p.started+p.helping < p.max {
		f := p.pop(r.root)
		if f == nil {
			break
		}
		p.helping++
		p.mu.Unlock()
		f()
		p.mu.Lock()
		p.helping--
	}
	p.dispatch(1)
	p.mu.Unlock()
	r.pending.Wait()
}
