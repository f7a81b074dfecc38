package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// initBudget is what the init of one package may allocate: constant
// tables, not documentation, compiled patterns or lookup maps built before
// anything asks for them (those are made on first use).
const initBudget = 64 << 10

// ownInitsBudget is what the inits of all configward packages together may
// allocate: some small maps and sync.OnceValue closures (about 13 KB in
// all). Lookup tables, rule lists, compiled patterns and function tables
// are made on first use; each was a few hundred bytes to 10 KB and page
// faults on a cold start (25-35 us each on a VM), so their sum is what an
// empty scan pays.
const ownInitsBudget = 16 << 10

// allInitsBudget is what the inits of every package the configward binary
// links may allocate together, before main runs, on every run. Each 4 KB
// of it is a fresh page: 25-35 us of page fault on a VM. Today it is 118
// KB: 105 KB from dependencies configward cannot drop (go-cty 33 KB of
// CRC-64 tables, yaml.v3 26 KB of resolver tables and patterns, go-cty's
// function library 16 KB of function specs, unicode 11 KB of tables that
// regexp links, hclsyntax, encoding, compress/flate for Terraform's
// base64gzip and runtime/pprof) and configward's own 13 KB. The margin
// (10 KB) is less than any dependency with tables of its own: one that
// brings them fails here, so its start-up cost is chosen, not found later.
const allInitsBudget = 128 << 10

// heavyInits are the packages from outside configward that the binary
// links although their init allocates more than initBudget, each with the
// reason it is linked. A dependency that brings another fails the test, so
// start-up cost is chosen, not found later. (go-cmp was one, 178 KB and two
// Unicode patterns compiled at every start, brought by hclwrite; fix now
// formats Terraform with its own formatHCL.)
var heavyInits = map[string]string{}

// unlinked are packages the configward binary must not link, with why:
// what their init costs every run, or what configward must never do.
var unlinked = map[string]string{
	"github.com/google/go-cmp/cmp":               "178 KB and two Unicode patterns compiled at init, a tenth of an empty scan's page faults",
	"github.com/hashicorp/hcl/v2/hclwrite":       "links go-cmp; fix edits and formats Terraform itself (analyzer/fix/hclfmt.go)",
	"net":                                        "configward never touches the network",
	"net/http":                                   "configward never touches the network",
	"os/exec":                                    "configward never executes what it reads",
	"github.com/awslabs/goformation/v7":          "a test oracle only: thousands of types and their init",
	"github.com/xeipuuv/gojsonschema":            "a test oracle only",
	"github.com/rhysd/actionlint":                "a test tool only",
	"github.com/rogpeppe/go-internal/testscript": "a test tool only",
}

// TestUnlinked fails when the configward binary links a package of
// unlinked (go list -deps of the main package, tests left out).
func TestUnlinked(t *testing.T) {
	deps := productionDeps(t)
	if deps == nil {
		t.Skip("no go command: cannot list what the binary links")
	}
	if !deps["github.com/hashicorp/hcl/v2/hclsyntax"] {
		t.Fatalf("go list -deps does not list hclsyntax: not configward's dependencies")
	}
	for pkg, why := range unlinked {
		if deps[pkg] {
			t.Errorf("configward links %s (%s): find who imports it (go list -deps -f '{{.ImportPath}}: {{.Imports}}' .)", pkg, why)
		}
	}
}

// inittraceLine is a line of GODEBUG=inittrace=1:
// "init PKG @0.5 ms, 0.01 ms clock, 1234 bytes, 5 allocs".
var inittraceLine = regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs$`)

// TestInitAllocations runs this test binary again with GODEBUG=inittrace=1
// and no test, so that only the package inits run (every package the
// binary links, as configward links them), and fails when the init of a
// configward package, or of another package the configward binary links
// (go list -deps), allocates more than initBudget, unless heavyInits
// names it.
func TestInitAllocations(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.count=1")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	linked := productionDeps(t)
	seen, total, own := 0, 0, 0
	heavy := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		m := inittraceLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		pkg := m[1]
		ours := strings.HasPrefix(pkg, "github.com/configward/configward/")
		if ours {
			seen++
		} else if linked != nil && !linked[pkg] {
			continue // a test dependency
		}
		bytes, _ := strconv.Atoi(m[2])
		if ours && pkg != "github.com/configward/configward/cmd/configward" {
			own += bytes // (this package's init here is its tests' tables)
		}
		if (linked == nil || linked[pkg]) && pkg != "github.com/configward/configward/cmd/configward" {
			total += bytes // (this package's init here is its tests' tables)
		}
		if bytes <= initBudget {
			continue
		}
		switch {
		case ours:
			t.Errorf("init of %s allocates %d bytes in %s allocations, over %d: build it on first use (sync.OnceValue)", pkg, bytes, m[3], initBudget)
		case heavyInits[pkg] != "":
			heavy[pkg] = true
		default:
			t.Errorf("init of %s, which configward links, allocates %d bytes in %s allocations, over %d: find who imports it (go mod why PKG) and avoid it, or say why it must stay in heavyInits", pkg, bytes, m[3], initBudget)
		}
	}
	if own > ownInitsBudget {
		t.Errorf("the inits of configward's packages allocate %d bytes in all, over %d: make what they build on first use (sync.OnceValue, a switch)", own, ownInitsBudget)
	}
	// The scan's packages: rules, parsers, checker and report at least.
	if seen < 8 {
		t.Fatalf("inittrace showed %d configward packages, want the scan's; output:\n%s", seen, out)
	}
	if linked != nil {
		for pkg := range heavyInits {
			if !heavy[pkg] {
				t.Errorf("heavyInits names %s, which configward no longer links or whose init is now light: take it out", pkg)
			}
		}
		t.Logf("the inits of the packages configward links allocate %d bytes, configward's own %d", total, own)
		if total > allInitsBudget {
			t.Errorf("the inits of the packages configward links allocate %d bytes in all, over %d: every run pays for them before main (a page fault per 4 KB); find the package whose init grew or the dependency that brought one (GODEBUG=inittrace=1 configward version)", total, allInitsBudget)
		}
	}
}

// productionDeps is the set of packages the configward binary links (not
// its tests), or nil when the go command is not at hand.
func productionDeps(t *testing.T) map[string]bool {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Logf("no go command (%v): only configward's own packages are checked", err)
		return nil
	}
	out, err := exec.Command(goCmd, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		deps[p] = true
	}
	return deps
}
