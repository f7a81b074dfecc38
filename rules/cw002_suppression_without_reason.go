package rules

import (
	_ "embed"
	"sync"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW002.md
var docCW002 string

// SuppressionWithoutReason reports ignore directives that carry no reason
// (they suppress nothing) and those that match no finding of a rule that
// ran. It runs once every other rule reported on the unit.
var SuppressionWithoutReason = &analyzer.Rule{
	ID:        "CW002",
	Name:      "suppression-without-reason",
	Title:     "Suppression without a reason or matching no finding",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"maintainability"},
	Precision: "very-high",
	Doc:       docCW002,
	// After the other rules: each directive then says whether it matched.
	AfterSuppression: true,
	Run: func(pass *analyzer.Pass) error {
		for _, s := range pass.Unit.Suppressions {
			f := analyzer.Finding{Range: s.Range, Resource: s.Resource, Property: "ignore[" + s.RuleID + "]"}
			switch {
			case !knownIDs()[s.RuleID]:
				f.Message = "ignore directive names unknown rule " + s.RuleID
			case s.Reason == "":
				f.Message = "ignore directive for " + s.RuleID + " has no reason: it suppresses nothing until a reason is written after the rule id"
			case s.Checked && !s.Matched:
				f.Message = "ignore directive for " + s.RuleID + " matches no finding: remove it"
			default:
				continue
			}
			pass.Report(f)
		}
		return nil
	},
}

// knownIDs holds every rule id, made on first use.
var knownIDs = sync.OnceValue(func() map[string]bool {
	ids := map[string]bool{}
	for _, r := range ruleList() {
		ids[r.ID] = true
	}
	return ids
})

// ruleList is allRules, set by init: CW002 is itself in the list it
// consults, which a package-level value cannot refer to.
var ruleList func() []*analyzer.Rule

func init() { ruleList = allRules }
