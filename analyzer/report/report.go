// Package report writes a scan's findings in every output format of the
// command line: text (compiler style, for terminals), json (a stable shape
// for scripts), sarif (for GitHub code scanning), github (workflow-command
// annotations) and markdown (a job summary for $GITHUB_STEP_SUMMARY).
//
// Every writer is deterministic: the same Input gives byte-identical output,
// with no timestamps, no absolute paths and no map-ordered data.
//
// How each format treats suppressed findings and findings that a --baseline
// report already had ("unchanged"):
//
//   - sarif and json keep every finding; suppressed ones carry their
//     suppression, baseline matches their baselineState.
//   - text, github and markdown list unsuppressed findings only; text and
//     markdown count the suppressed ones in their summary lines. A finding
//     unchanged since the baseline is listed but marked, since it does not
//     fail the run (github downgrades it to a notice).
//
// The comments at the top of text.go, github.go and markdown.go describe
// those formats; JSONReport documents the json shape.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// Input is everything a report needs; the checker fills it.
type Input struct {
	// Rules is every rule that ran, sorted by ID.
	Rules []*analyzer.Rule
	// Findings are sorted (file, line, column, rule id, message) and
	// already filtered by --min-severity.
	Findings []*analyzer.Finding
	// Notifications are the things the scan could not do.
	Notifications []Notification
	// Sources returns the whole source of a scanned file, for SARIF fixes.
	// It may be nil, and may return nil.
	Sources func(file string) []byte
	// Lines returns a scanned file's text through the end of its line
	// last, read no further, for the text format's snippets; nil (or a nil
	// result) for a file not to be shown, such as one the scan did not
	// read. When Lines is nil the snippets come from Sources.
	Lines func(file string, last int) []byte
	// RepoPath names a reported file from the repository root, for SARIF
	// URIs; nil leaves names as they are.
	RepoPath func(file string) string
	// Fixes spells a finding's fix as edits (package analyzer/fix), for
	// SARIF fixes and the text format's mark; nil, or nil edits, for none.
	Fixes func(*analyzer.Finding) []analyzer.Edit
	// Version is the tool version ("devel" in tests).
	Version string
	// FailOn is the --fail-on threshold, for the verdicts of the json
	// summary and the markdown job summary.
	FailOn analyzer.Severity
	// Color enables ANSI colour in the text format; no other format uses it.
	Color bool
	// Annotate, when set, chooses the findings the github format
	// annotates (a pull request's changed lines); the other formats list
	// every finding.
	Annotate func(*analyzer.Finding) bool
	// Comparison, when set, is what the scan found against a base commit
	// (scan --new-since): Findings then carry baselineState new or
	// unchanged.
	Comparison *Comparison
	// GitHubActions wraps the text format in ::stop-commands:: with a
	// random token, for a run whose output a GitHub Actions runner reads.
	GitHubActions bool

	// unmasked is Sources before redactInput masked it: for the lines and
	// columns of a SARIF fix's regions only, never written out. Masking a
	// whole file costs the redaction patterns (compiled on first use) for
	// nothing, and a masked multi-byte secret would shift the columns.
	unmasked func(file string) []byte
}

// Comparison is a scan compared with the scan of a base commit.
type Comparison struct {
	// Base names the base commit (a revision and its short hash).
	Base string
	// Absent are the base's unsuppressed findings that the scan no longer
	// has: what the change fixed.
	Absent []*analyzer.Finding
	// SuppressionsAdded are the findings suppressed now that the base had
	// unsuppressed or did not have: what the change silenced.
	SuppressionsAdded []*analyzer.Finding
	// ConfigChanges are the configuration files the change touched, each
	// with the lines it added ("+ ...") and removed ("- ...").
	ConfigChanges []ConfigChange
}

// ConfigChange is a configuration file changed since the base.
type ConfigChange struct {
	File  string
	Lines []string
}

// Notification is something the scan could not do: an unreadable file, a
// rule that failed.
type Notification struct {
	// Level is "error", "warning" or "note". An "error" makes the SARIF
	// invocation unsuccessful.
	Level   string
	Message string
	// Range may be zero.
	Range model.Range
	// RuleID is the rule concerned, if any.
	RuleID string
}

// instancesText names where a finding inside a called module or nested
// template is instantiated: "in module.a, called at main.tf:12; in
// module.b, called at main.tf:17", each call chain innermost first ("in
// module.a.module.b, called at a/main.tf:5 from main.tf:12"). Empty for a
// finding at the root.
func instancesText(f *analyzer.Finding) string {
	var parts []string
	for _, in := range f.Instances {
		if len(in.Calls) == 0 {
			continue
		}
		inner := in.Calls[len(in.Calls)-1]
		var b strings.Builder
		b.WriteString("in " + inner.Address + ", called at ")
		for i := len(in.Calls) - 1; i >= 0; i-- {
			if i < len(in.Calls)-1 {
				b.WriteString(" from ")
			}
			g := normalize(in.Calls[i].Range)
			fmt.Fprintf(&b, "%s:%d", g.file, g.startLine)
		}
		parts = append(parts, b.String())
	}
	return strings.Join(parts, "; ")
}

// messageWithInstances is the finding's message followed by where it is
// instantiated, for the formats a person reads.
func messageWithInstances(f *analyzer.Finding) string {
	if t := instancesText(f); t != "" {
		return f.Message + " (" + t + ")"
	}
	return f.Message
}

// Formats lists the names Write accepts, the default first.
var Formats = []string{"text", "json", "sarif", "github", "markdown"}

// Write writes the report for in to w in the named format: text, json,
// sarif, github or markdown.
func Write(w io.Writer, format string, in *Input) error {
	if in == nil {
		in = &Input{}
	}
	in = redactInput(in)
	switch format {
	case "text":
		return writeText(w, in)
	case "json":
		return writeJSON(w, in)
	case "sarif":
		return writeSARIF(w, in)
	case "github":
		return writeGitHub(w, in)
	case "markdown":
		return writeMarkdown(w, in)
	}
	return fmt.Errorf("unknown report format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Fails reports whether f fails the run under threshold failOn: it is
// unsuppressed, not unchanged since the baseline, and at least as severe as
// failOn (None fails nothing). The CLI's exit code and the summaries agree
// through this one function.
func Fails(f *analyzer.Finding, failOn analyzer.Severity) bool {
	return failOn != analyzer.None && !f.Suppressed() &&
		f.BaselineState != "unchanged" && f.Severity >= failOn
}

// Failed reports whether any finding of in fails the run under in.FailOn.
func (in *Input) Failed() bool {
	return in.failing() > 0
}

func (in *Input) failing() int {
	n := 0
	for _, f := range in.Findings {
		if Fails(f, in.FailOn) {
			n++
		}
	}
	return n
}

// counts are the numbers every summary shows.
type counts struct {
	bySeverity [analyzer.Critical + 1]int // unsuppressed findings
	open       int                        // unsuppressed findings
	suppressed int
	unchanged  int // unsuppressed and unchanged since the baseline
	new        int // unsuppressed and new since the baseline
}

func count(in *Input) counts {
	var c counts
	for _, f := range in.Findings {
		if f.Suppressed() {
			c.suppressed++
			continue
		}
		c.open++
		if f.Severity <= analyzer.Critical {
			c.bySeverity[f.Severity]++
		}
		switch f.BaselineState {
		case "unchanged":
			c.unchanged++
		case "new":
			c.new++
		}
	}
	return c
}

// severities lists the finding severities, most severe first.
var severities = []analyzer.Severity{analyzer.Critical, analyzer.High, analyzer.Medium, analyzer.Low}

// ruleIndex finds rules by id.
type ruleIndex map[string]*analyzer.Rule

func indexRules(rules []*analyzer.Rule) ruleIndex {
	idx := ruleIndex{}
	for _, r := range rules {
		if r != nil {
			if _, dup := idx[r.ID]; !dup {
				idx[r.ID] = r
			}
		}
	}
	return idx
}

func (idx ruleIndex) title(id string) string {
	if r := idx[id]; r != nil {
		return r.Title
	}
	return ""
}

// region is a finding's range normalized for every format: 1-based lines
// and columns (code points), never less than 1, and an end after the start.
type region struct {
	file                                 string
	startLine, startCol, endLine, endCol int
}

func normalize(r model.Range) region {
	g := region{
		file:      r.Filename,
		startLine: max(r.Start.Line, 1),
		startCol:  max(r.Start.Column, 1),
		endLine:   r.End.Line,
		endCol:    r.End.Column,
	}
	if g.endLine < g.startLine || (g.endLine == g.startLine && g.endCol <= g.startCol) {
		g.endLine, g.endCol = g.startLine, g.startCol+1
	}
	g.endCol = max(g.endCol, 1)
	return g
}

// unchangedNote marks findings the baseline already had.
const unchangedNote = "unchanged since baseline"

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
