// Command configward is an offline static analyzer for CloudFormation,
// Terraform and IAM policy documents, centred on the security of AWS Config.
//
//	configward scan [flags] [PATH ...]
//	configward rules [--format text|json]
//	configward explain RULE-ID
//	configward version
//
// Exit codes: 0 no unsuppressed finding at or above --fail-on; 1 at least
// one; 2 usage or configuration error.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/configward/configward/rules"
)

const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `configward: offline security analysis of CloudFormation, Terraform and IAM policies

Usage:
  configward scan [flags] [PATH ...]     scan files and directories (default ".")
  configward rules [--format text|json]  list the rules
  configward explain RULE-ID             show a rule's documentation and fix
  configward version                     print the version

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
	case "rules":
		return runRules(args[1:], stdout, stderr)
	case "explain":
		return runExplain(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "configward %s\n", version())
		fmt.Fprintf(stdout, "IAM action catalog of %s (%s)\n", rules.IAMCatalogDate(), rules.IAMCatalogSource())
		return exitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "configward: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}
