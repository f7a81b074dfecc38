package checker

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// runRules runs every applicable per-unit rule over the unit, then the
// first phase of the set rules, containing panics. The rules that judge
// suppressions run later, in checkSuppressions, once the rules over the
// whole set have reported too.
func runRules(unit *model.Unit, opts Options) *unitResult {
	out := &unitResult{path: unit.Path, format: unit.Format, suppressions: unit.Suppressions, files: unit.Files, modules: unit.Modules,
		secrets: sensitiveValues(unit), ran: make([]*analyzer.Rule, 0, len(opts.Rules)), calls: callChains(unit)}
	for _, d := range unit.Diagnostics {
		if d.Unread {
			out.unread = append(out.unread, d.Range.Filename)
		}
	}
	for _, n := range unit.Notes {
		msg := n.Summary
		if n.Detail != "" {
			msg += ": " + n.Detail
		}
		out.notes = append(out.notes, analyzer.Notification{Level: "warning", Message: msg, Range: n.Range})
	}
	// One pass serves every rule in turn: rules do not keep it.
	pass := analyzer.NewPass(nil, unit, opts.Config, func(f analyzer.Finding) {
		out.findings = append(out.findings, &f)
	})
	for _, r := range opts.Rules {
		if !r.Covers(unit.Format) || r.AfterSuppression || r.Run == nil {
			continue
		}
		out.ran = append(out.ran, r)
		runOne(r, pass, out)
	}
	for _, r := range opts.Rules {
		if r.Set == nil || !r.Covers(unit.Format) {
			continue
		}
		out.ran = append(out.ran, r)
		summarize(r, pass, out)
	}
	return out
}

// summarize runs the first phase of a set rule over the pass's unit and
// keeps its summary for the second; a rule that fails on the unit judges
// the set without it.
func summarize(r *analyzer.Rule, pass *analyzer.Pass, out *unitResult) {
	defer recoverRule(r, pass.Unit, out)
	pass.Rule = r
	s, err := r.Set.SummarizeUnit(pass)
	if err != nil {
		out.notes = append(out.notes, analyzer.Notification{Level: "error", RuleID: r.ID, Message: fmt.Sprintf("rule %s failed on %s: %v", r.ID, pass.Unit.Path, err)})
		return
	}
	out.summaries = append(out.summaries, setSummary{r, s})
}

// runOne runs one per-unit rule with the pass, containing panics.
func runOne(r *analyzer.Rule, pass *analyzer.Pass, out *unitResult) {
	defer recoverRule(r, pass.Unit, out)
	pass.Rule = r
	if err := r.Run(pass); err != nil {
		out.notes = append(out.notes, analyzer.Notification{Level: "error", RuleID: r.ID, Message: fmt.Sprintf("rule %s failed on %s: %v", r.ID, pass.Unit.Path, err)})
	}
}

// recoverRule, deferred, turns a rule's panic on a unit into a
// notification and a finding of that rule on the unit: the file was not
// checked, and the run says so wherever its findings go.
func recoverRule(r *analyzer.Rule, unit *model.Unit, out *unitResult) {
	if p := recover(); p != nil {
		out.notes = append(out.notes, analyzer.Notification{Level: "error", RuleID: r.ID, Message: fmt.Sprintf("rule %s failed on %s: %v", r.ID, unit.Path, p)})
		out.findings = append(out.findings, &analyzer.Finding{
			RuleID:   r.ID,
			Severity: analyzer.High,
			Format:   unit.Format,
			Message:  fmt.Sprintf("rule %s could not check this file (internal error: %v); please report it", r.ID, p),
			Range:    fileStart(firstFile(unit)),
			Property: "internal-error",
		})
		debugLog(p)
	}
}

// fileStart is the first character of a file, where a problem with the
// whole file is reported.
func fileStart(file string) model.Range {
	return model.Range{Filename: file, Start: model.Pos{Line: 1, Column: 1}, End: model.Pos{Line: 1, Column: 2, Byte: 1}}
}

func firstFile(u *model.Unit) string {
	if len(u.Files) > 0 {
		return u.Files[0]
	}
	return u.Path
}

func debugLog(p any) {
	if os.Getenv("CONFIGWARD_DEBUG") != "" {
		fmt.Fprintf(os.Stderr, "panic: %v\n%s", p, debug.Stack())
	}
}
