package report

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
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

// firstReportEnv makes TestAllocFirstReport the child that measures.
const firstReportEnv = "CONFIGWARD_FIRST_REPORT"

// TestAllocFirstReport: the first SARIF or JSON report of a process
// allocates about what the next one does. Through encoding/json, the first
// report built its encoders for every type the report reaches (go-sarif's
// whole type graph: 6,393 allocations for a first SARIF report of the 53
// rules, 1,825 for the next), pages first touched in every run of the
// Action; this fails if a report is written through reflection again. It
// measures in a child process (this test binary again), where nothing has
// written a report yet; a text report first takes what every format shares
// (the redaction patterns).
func TestAllocFirstReport(t *testing.T) {
	if raceEnabled {
		t.Skip("allocations are not those of a normal build under the race detector: make test runs TestAlloc* without it")
	}
	in := catalogInput(t)
	formats := []string{"json", "sarif"}
	if os.Getenv(firstReportEnv) == "1" {
		if err := Write(io.Discard, "text", in); err != nil {
			t.Fatal(err)
		}
		for _, format := range formats {
			mallocs := func() uint64 {
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				if err := Write(io.Discard, format, in); err != nil {
					t.Fatal(err)
				}
				runtime.ReadMemStats(&after)
				return after.Mallocs - before.Mallocs
			}
			first := mallocs()
			fmt.Printf("%s mallocs: first %d, next %d\n", format, first, mallocs())
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestAllocFirstReport$", "-test.count=1")
	cmd.Env = append(os.Environ(), firstReportEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, format := range formats {
		var first, next int
		i := strings.Index(string(out), format+" mallocs:")
		if i < 0 {
			t.Fatalf("child wrote no count for %s:\n%s", format, out)
		}
		if _, err := fmt.Sscanf(string(out[i:]), format+" mallocs: first %d, next %d", &first, &next); err != nil {
			t.Fatalf("%v:\n%s", err, out)
		}
		t.Logf("a %s report of %d rules and %d findings: %d allocations the first time, %d the next", format, len(in.Rules), len(in.Findings), first, next)
		if next == 0 || first > next+300 {
			t.Errorf("the first %s report allocated %d objects, the next %d: the first pays for something once (reflection?)", format, first, next)
		}
	}
}

// TestBuildJSONFindingsAtTheirSize: the JSON report's list of findings is
// made at its size. Grown by appends, a list of n findings (a few hundred
// bytes each) past a few hundred entries grows by a quarter at a time and
// allocates about five times its size, so that a scan of 4n findings
// allocated 4.5 times the bytes of n for the list alone (issue 14's
// cfn-mappings-conditions reports one finding per resource).
func TestBuildJSONFindingsAtTheirSize(t *testing.T) {
	input := func(n int) *Input {
		in := &Input{Rules: []*analyzer.Rule{fixtureRule("CW101", "r", "rule", analyzer.High, "high", "config")}}
		for i := range n {
			in.Findings = append(in.Findings, &analyzer.Finding{RuleID: "CW101", Severity: analyzer.High, Message: "m",
				Range: model.Range{Filename: "t.yaml", Start: model.Pos{Line: i + 1, Column: 1}, End: model.Pos{Line: i + 1, Column: 2}}})
		}
		return in
	}
	small, large := input(2000), input(8000)
	var reps [2]*JSONReport
	bytes := [2]uint64{allocatedBy(func() { reps[0] = buildJSON(small) }), allocatedBy(func() { reps[1] = buildJSON(large) })}
	if len(reps[0].Findings) != 2000 || len(reps[1].Findings) != 8000 {
		t.Fatalf("%d and %d findings reported", len(reps[0].Findings), len(reps[1].Findings))
	}
	if ratio := float64(bytes[1]) / float64(bytes[0]); ratio > 4.2 {
		t.Errorf("buildJSON allocated %d bytes for 2000 findings, %d for 8000: %.2fx, over 4.2x", bytes[0], bytes[1], ratio)
	}
}
