package report

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
)

// catalogInput is the fixture's findings beside the whole rule catalog,
// each rule with its real documentation (rules/docs), as a SARIF report of
// a small scan lists every rule that ran.
func catalogInput(t *testing.T) *Input {
	t.Helper()
	paths, err := filepath.Glob("../../rules/docs/*.md")
	if err != nil || len(paths) < 40 {
		t.Fatalf("rule docs: %d files, %v", len(paths), err)
	}
	in := *fixtureInput()
	in.Rules = nil
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(p), ".md")
		r := fixtureRule(id, strings.ToLower(id), "rule "+id, analyzer.High, "high", "config")
		r.Doc = string(b)
		in.Rules = append(in.Rules, r)
	}
	return &in
}

// allocatedBy is the bytes one call of write allocates, after a first
// call has filled encoding/json's per-type caches.
func allocatedBy(write func()) uint64 {
	write()
	const runs = 5
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range runs {
		write()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / runs
}

// TestAllocSARIFLessThanItWrites: a SARIF report of a small scan is
// mostly the rules' docs, and is written as it is encoded, not held whole
// (let alone several times over, as the encoder's doubling buffer and an
// indenting copy did): every byte allocated is a page first touched, which
// costs every run of the GitHub Action. JSON, which holds no catalog, stays
// far below.
func TestAllocSARIFLessThanItWrites(t *testing.T) {
	if raceEnabled {
		t.Skip("allocations are not those of a normal build under the race detector: make test runs TestAlloc* without it")
	}
	in := catalogInput(t)
	for _, format := range []string{"sarif", "json", "text", "github"} {
		out := countingWriter{w: io.Discard}
		if err := Write(&out, format, in); err != nil {
			t.Fatal(err)
		}
		alloc := allocatedBy(func() {
			if err := Write(io.Discard, format, in); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("%s: writes %d bytes, allocates %d", format, out.n, alloc)
		// The output buffer (64 KiB) and one rule or result encoded at a
		// time are allowed beside what the output must hold anyway.
		if limit := uint64(out.n/2) + 128<<10; alloc > limit {
			t.Errorf("%s: writing %d bytes allocated %d, want at most %d", format, out.n, alloc, limit)
		}
	}
}
