package checker

import (
	"slices"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

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

// checkSuppressions applies the unit's in-source suppressions to the
// findings every other rule reported on it, notes on each directive
// whether it matched one and whether its rule ran, then runs the rules
// that judge suppressions.
func checkSuppressions(u *unitResult, opts Options) {
	unit := &model.Unit{Path: u.path, Format: u.format, Suppressions: u.suppressions}
	for i := range unit.Suppressions {
		s := &unit.Suppressions[i]
		s.Checked = slices.ContainsFunc(u.ran, func(r *analyzer.Rule) bool { return r.ID == s.RuleID })
		s.Matched = slices.ContainsFunc(u.findings, func(f *analyzer.Finding) bool { return analyzer.SuppressionMatches(*s, f) })
	}
	applySuppressions(unit, u.findings)
	for _, r := range opts.Rules {
		if r.AfterSuppression && r.Run != nil && r.Covers(u.format) {
			pass := analyzer.NewPass(r, unit, opts.Config, func(f analyzer.Finding) {
				u.findings = append(u.findings, &f)
			})
			runOne(r, pass, u)
		}
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
