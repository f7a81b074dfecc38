package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// SuppressionWithoutReason reports ignore directives that carry no reason
// (they suppress nothing) and those that match no finding of a rule that
// ran. The checker runs it after the unit's other rules.
var SuppressionWithoutReason = &analyzer.Rule{
	ID:        "CW002",
	Name:      "suppression-without-reason",
	Title:     "Suppression without a reason or matching no finding",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"maintainability"},
	Precision: "very-high",
	Doc:       doc("CW002"),
	Run: func(pass *analyzer.Pass) error {
		for _, s := range pass.Unit.Suppressions {
			f := analyzer.Finding{Range: s.Range, Resource: s.Resource, Property: "configward:ignore " + s.RuleID}
			switch {
			case !knownIDs[s.RuleID]:
				f.Message = "ignore directive names unknown rule " + s.RuleID
			case s.Reason == "":
				f.Message = "ignore directive for " + s.RuleID + " has no reason: it suppresses nothing until a reason is written after the rule id"
			case pass.Ran[s.RuleID] && !matchesAny(s, pass.Prior):
				f.Message = "ignore directive for " + s.RuleID + " matches no finding: remove it"
			default:
				continue
			}
			pass.Report(f)
		}
		return nil
	},
}

// knownIDs holds every rule id; filled by init because CW002 is itself in
// the list it consults.
var knownIDs = map[string]bool{}

func init() {
	for _, r := range allRules() {
		knownIDs[r.ID] = true
	}
}

func matchesAny(s model.Suppression, findings []*analyzer.Finding) bool {
	for _, f := range findings {
		if analyzer.SuppressionMatches(s, f) {
			return true
		}
	}
	return false
}
