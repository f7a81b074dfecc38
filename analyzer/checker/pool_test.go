package checker

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"testing"

	"github.com/configward/configward/rules"
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
	// The second task queued starts the only worker, which takes the
	// first and holds on to it until every other task is queued: a worker
	// that took its first task late would otherwise take 0a before 0b is
	// queued, then 1a (the test failed so under load).
	started := make(chan struct{})
	r2.run(func() { close(started); <-gate })
	r2.run(record("2a"))
	<-started
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

// A scan starts goroutines only for work that can run in parallel: none
// for an empty directory, one template or one module (the caller runs a
// lone task itself), and some but no more than Workers for a directory of
// several.
// Each costs a stack grown and copied from 2 KB and wakes a second
// processor, whose allocation caches fill fresh pages: on a cold start
// that is what a small scan pays for.
func TestPoolStartsGoroutinesForWork(t *testing.T) {
	const template = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
	cases := []struct {
		name     string
		files    map[string]string
		units    int
		min, max uint64
	}{
		{"empty directory", nil, 0, 0, 0},
		{"one template", map[string]string{"t.yaml": template}, 1, 0, 0},
		{"one module", map[string]string{"main.tf": "resource \"aws_s3_bucket\" \"b\" {}\n", "vars.tf": "variable \"x\" {}\n"}, 1, 0, 0},
		{"twelve templates", map[string]string{
			"1.yaml": template, "2.yaml": template, "3.yaml": template, "4.yaml": template,
			"5.yaml": template, "6.yaml": template, "7.yaml": template, "8.yaml": template,
			"9.yaml": template, "10.yaml": template, "11.yaml": template, "12.yaml": template,
		}, 12, 1, 4},
	}
	runtime.GC() // the collector's own workers, started once per process
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := goroutinesCreated()
			res, err := Run([]string{dir}, Options{Rules: rules.All(), Workers: 4})
			created := goroutinesCreated() - before
			if err != nil {
				t.Fatal(err)
			}
			if res.Units != c.units {
				t.Fatalf("scanned %d units, want %d", res.Units, c.units)
			}
			if created < c.min || created > c.max {
				t.Errorf("the scan started %d goroutines, want %d to %d", created, c.min, c.max)
			}
		})
	}
}

// goroutinesCreated is how many goroutines the process has started.
func goroutinesCreated() uint64 {
	s := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
