package checker

import (
	"slices"
	"sync"
	"testing"
)

// A worker takes the earliest root's queued task first, whatever order the
// roots queued them in, and each root's wait returns once its own tasks ran.
func TestPoolEarlierRootFirst(t *testing.T) {
	p := newPool(1, 3)
	gate := make(chan struct{})
	var mu sync.Mutex
	var order []string
	record := func(s string) func() {
		return func() {
			mu.Lock()
			order = append(order, s)
			mu.Unlock()
		}
	}
	r0, r1, r2 := p.root(0), p.root(1), p.root(2)
	r2.run(func() { <-gate }) // holds the only worker while the others queue
	r2.run(record("2a"))
	r1.run(record("1a"))
	r0.run(record("0a"))
	r1.run(record("1b"))
	r0.run(record("0b"))
	close(gate)
	r0.wait()
	r1.wait()
	r2.wait()
	p.close()
	if want := []string{"0a", "0b", "1a", "1b", "2a"}; !slices.Equal(order, want) {
		t.Fatalf("tasks ran in order %v, want %v", order, want)
	}
}

// Tasks queued from inside a task and after a wait run too, and close
// returns once they have.
func TestPoolSteps(t *testing.T) {
	p := newPool(2, 2)
	var mu sync.Mutex
	n := 0
	inc := func() { mu.Lock(); n++; mu.Unlock() }
	var wg sync.WaitGroup
	for i := range 2 {
		r := p.root(i)
		wg.Go(func() {
			for range 3 {
				for range 10 {
					r.run(func() { inc(); r.run(inc) })
				}
				r.wait()
			}
		})
	}
	wg.Wait()
	p.close()
	if n != 2*3*10*2 {
		t.Fatalf("%d tasks ran, want %d", n, 2*3*10*2)
	}
}
