// Command configward is an offline static analyzer for CloudFormation,
// Terraform and IAM policy documents, centred on the security of AWS Config.
//
//	configward scan [flags] [PATH ...]
//	configward fix [--write] [flags] [PATH ...]
//	configward rules [--format text|json]
//	configward explain RULE-ID
//	configward version
//	configward graph [--format mermaid|dot] [PATH ...]
//
// Exit codes: 0 no unsuppressed finding at or above --fail-on; 1 at least
// one; 2 usage or configuration error.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/configward/configward/rules"
)

const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// scanGOGC is the collector's setting during a scan unless GOGC says
// otherwise. A scan parses its units one after the other and keeps only
// their findings, so the live heap is small and the default (100) collects
// every few megabytes; 200 halves the collections for a bounded cost in
// memory. Writing the report builds the whole document at once, so the
// default comes back for it (see endScanGC).
const scanGOGC = 200

// scanGCTuned records that main set scanGOGC.
var scanGCTuned bool

func main() {
	startProcess()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// startProcess sets how the process runs, before anything else: memory
// profiling off unless --memprofile asks for it (startProfiles), and the
// collector at scanGOGC.
//
// Why profiling off: runtime/pprof is linked for --memprofile, so the
// runtime samples an allocation every 512 KB on average, each with a stack
// walk and a profile bucket (fresh pages): hugeHeap's block alone is
// sampled on every scan that has input.
func startProcess() {
	runtime.MemProfileRate = 0
	tuneScanGC()
}

// tuneScanGC sets scanGOGC unless GOGC is set.
func tuneScanGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(scanGOGC)
		scanGCTuned = true
	}
}

// endScanGC restores the default collector setting before a large report
// and collects the scan's garbage, so that the report reuses that memory
// rather than growing the heap further. A report of up to largeReport
// findings allocates little, so the scan's setting stays: restoring the
// default there only started a collection (hugeHeap's block counts toward
// it) that the process exited before finishing, after a scan of one
// template or one module.
func endScanGC(findings int) {
	if scanGCTuned && findings > largeReport {
		debug.SetGCPercent(100)
		runtime.GC()
	}
}

// largeReport is the number of findings above which endScanGC collects.
const largeReport = 1000

const usage = `configward: offline security analysis of CloudFormation, Terraform and IAM policies

Usage:
  configward scan [flags] [PATH ...]     scan files and directories (default ".")
  configward fix [--write] [PATH ...]    print the fixes as a unified diff (--write applies them)
  configward rules [--format text|json]  list the rules
  configward explain RULE-ID             show a rule's documentation and fix
  configward version                     print the version
  configward graph [PATH ...]            draw the AWS Config delivery paths (Mermaid or DOT)

Run "configward scan --help" for the scan flags.
Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration error.
`

// run is the whole command; main only wires it to the process.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "scan":
		return runScan(args[1:], stdout, stderr)
	case "fix":
		return runFix(args[1:], stdout, stderr)
	case "rules":
		return runRules(args[1:], stdout, stderr)
	case "graph":
		return runGraph(args[1:], stdout, stderr)
	case "explain":
		return runExplain(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		bi, _ := debug.ReadBuildInfo()
		fmt.Fprintf(stdout, "configward %s\n", buildDescription(bi))
		fmt.Fprintf(stdout, "IAM action catalog of %s (%s)\n", rules.IAMCatalogDate(), rules.IAMCatalogSource())
		return exitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "configward: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}
