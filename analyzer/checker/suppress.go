package checker

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// SuppressionRuleID is the rule that checks suppressions themselves; the
// checker runs it after the unit's other rules, with their findings.
const SuppressionRuleID = "CW002"

// applySuppressions marks the findings that an in-source directive of the
// unit covers.
func applySuppressions(unit *model.Unit, findings []*analyzer.Finding) {
	for _, f := range findings {
		if f.Suppression != nil {
			continue
		}
		for _, s := range unit.Suppressions {
			if analyzer.SuppressionMatches(s, f) {
				f.Suppression = &analyzer.Suppression{Kind: "inSource", Justification: s.Reason}
				break
			}
		}
	}
}

// Ignore suppresses findings of Rule whose file matches one of Paths (globs
// relative to the working directory; all files when empty) and whose
// resource is Resource (any when empty).
type Ignore struct {
	Rule     string
	Paths    []string
	Resource string
	Reason   string
}

func (ig Ignore) matches(f *analyzer.Finding) bool {
	if ig.Rule != f.RuleID || (ig.Resource != "" && ig.Resource != f.Resource) {
		return false
	}
	if len(ig.Paths) == 0 {
		return true
	}
	return excluder(ig.Paths)(f.Range.Filename)
}

// checkSuppressions applies the unit's in-source suppressions and runs the
// suppression check (CW002) with the findings of every other rule.
func checkSuppressions(u *unitResult, opts Options) {
	var cw002 *analyzer.Rule
	for _, r := range opts.Rules {
		if r.ID == SuppressionRuleID && r.Covers(u.format) && r.Run != nil {
			cw002 = r
		}
	}
	unit := &model.Unit{Path: u.path, Format: u.format, Suppressions: u.suppressions}
	var prior []*analyzer.Finding
	var ran map[string]bool
	if len(u.suppressions) > 0 {
		prior = append([]*analyzer.Finding(nil), u.findings...)
		ran = make(map[string]bool, len(u.ran))
		for _, r := range u.ran {
			ran[r.ID] = true
		}
		applySuppressions(unit, u.findings)
	}
	if cw002 != nil {
		pass := analyzer.NewPass(cw002, unit, opts.Config, func(f analyzer.Finding) {
			u.findings = append(u.findings, &f)
		})
		pass.Prior, pass.Ran = prior, ran
		runOne(cw002, pass, u)
	}
}

// applyIgnores marks findings that a configuration-file ignore covers.
func applyIgnores(findings []*analyzer.Finding, ignores []Ignore) {
	for _, f := range findings {
		if f.Suppression != nil {
			continue
		}
		for _, ig := range ignores {
			if ig.matches(f) {
				f.Suppression = &analyzer.Suppression{Kind: "external", Justification: ig.Reason}
				break
			}
		}
	}
}
