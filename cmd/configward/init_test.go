package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// initBudget is what the init of one configward package may allocate:
// constant tables, not documentation, compiled patterns or lookup maps
// built before anything asks for them (those are made on first use).
const initBudget = 64 << 10

// inittraceLine is a line of GODEBUG=inittrace=1:
// "init PKG @0.5 ms, 0.01 ms clock, 1234 bytes, 5 allocs".
var inittraceLine = regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestInitAllocations runs this test binary again with GODEBUG=inittrace=1
// and no test, so that only the package inits run (every configward
// package the binary links, as configward links them), and fails when one
// allocates more than initBudget.
func TestInitAllocations(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.count=1")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	seen := 0
	for _, line := range strings.Split(string(out), "\n") {
		m := inittraceLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil || !strings.HasPrefix(m[1], "github.com/configward/configward/") {
			continue
		}
		seen++
		bytes, _ := strconv.Atoi(m[2])
		if bytes > initBudget {
			t.Errorf("init of %s allocates %d bytes in %s allocations, over %d: build it on first use (sync.OnceValue)", m[1], bytes, m[3], initBudget)
		}
	}
	// The scan's packages: rules, parsers, checker and report at least.
	if seen < 8 {
		t.Fatalf("inittrace showed %d configward packages, want the scan's; output:\n%s", seen, out)
	}
}
