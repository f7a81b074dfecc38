package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

// ConfigTamperingNotAlerted reports, over the scanned set, a recorder when
// the set declares event alerting (EventBridge rules with an event pattern,
// CloudWatch Logs metric filters) but none of it catches the API calls that
// stop or delete the recorder or the delivery channel.
var ConfigTamperingNotAlerted = &analyzer.Rule{
	ID:        "CW503",
	Name:      "config-tampering-not-alerted",
	Title:     "No alert on stopping or deleting AWS Config",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "monitoring", "defense-evasion"},
	Precision: "medium",
	Doc:       doc("CW503"),
	RunSet:    runConfigTamperingNotAlerted,
}

func runConfigTamperingNotAlerted(pass *analyzer.SetPass) error {
	var rules []*model.EventRule
	var filters []*model.MetricFilter
	recorders := 0
	for _, u := range pass.Units {
		recorders += len(u.Entities.Recorders)
		for _, r := range u.Entities.EventRules {
			if r.Pattern != nil && r.Pattern.Kind != model.Null {
				rules = append(rules, r)
			}
		}
		filters = append(filters, u.Entities.MetricFilters...)
	}
	if recorders == 0 || len(rules)+len(filters) == 0 {
		return nil // no alerting in this set: the account baseline lives elsewhere
	}
	var missed []string
	for _, name := range tamperEvents {
		if !alerted(rules, filters, apiCallEvent(name)) {
			missed = append(missed, name)
		}
	}
	if len(missed) == 0 {
		return nil
	}
	for _, u := range pass.Units {
		for _, rec := range u.Entities.Recorders {
			pass.Report(u, analyzer.Finding{
				Range:    rec.DefRange,
				Message:  "configuration recorder " + quote(rec.Address) + ": no EventBridge rule or metric filter in this set alerts on " + strings.Join(missed, ", "),
				Resource: rec.Address,
				CDKPath:  rec.CDKPath,
			})
		}
	}
	return nil
}

// alerted reports whether an enabled rule with a target, or a metric
// filter, may see ev.
func alerted(rules []*model.EventRule, filters []*model.MetricFilter, ev configEvent) bool {
	for _, r := range rules {
		if ruleAlerts(r) != policycheck.No && ruleMatches(r, ev) != policycheck.No {
			return true
		}
	}
	for _, f := range filters {
		if filterMatches(f, ev) != policycheck.No {
			return true
		}
	}
	return false
}
