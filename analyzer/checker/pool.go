package checker

import "sync"

// pool runs the tasks of every root of a scan on one set of workers, the
// earliest root's first: a worker takes a later root's task only when the
// earlier roots have none queued (they wait for their slowest unit at the
// end of a step). So the workers are never idle while some root has work,
// and the scan holds about one root's parsed modules and templates at a
// time rather than several roots' at once.
type pool struct {
	mu     sync.Mutex
	ready  *sync.Cond
	queues [][]func() // by root, in the order of the scan's roots
	closed bool
	wg     sync.WaitGroup
}

// newPool starts workers for roots queues.
func newPool(workers, roots int) *pool {
	p := &pool{queues: make([][]func(), roots)}
	p.ready = sync.NewCond(&p.mu)
	for range workers {
		p.wg.Go(p.work)
	}
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
		for i, q := range p.queues {
			if len(q) > 0 {
				f := q[0]
				q[0] = nil
				p.queues[i] = q[1:]
				return f
			}
		}
		if p.closed {
			return nil
		}
		p.ready.Wait()
	}
}

// close lets the workers end once every queued task has run, and waits
// for them.
func (p *pool) close() {
	p.mu.Lock()
	p.closed = true
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

// run queues f.
func (r *rootTasks) run(f func()) {
	r.pending.Add(1)
	p := r.pool
	p.mu.Lock()
	p.queues[r.root] = append(p.queues[r.root], func() {
		defer r.pending.Done()
		f()
	})
	p.mu.Unlock()
	p.ready.Signal()
}

// wait returns when every task queued so far has run.
func (r *rootTasks) wait() { r.pending.Wait() }
