package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW503.md
var docCW503 string

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
	Doc:       docCW503,
	Set:       &analyzer.SetCheck[tamperAlerting]{Summarize: summarizeTamperAlerting, Judge: judgeTamperAlerting},
}

// tamperAlerting is what CW503 keeps of a unit: whether it declares event
// alerting (EventBridge rules with an event pattern, metric filters),
// which of tamperEvents that alerting may catch, and a finding for each
// recorder, whose message the judgement completes with the calls no unit
// of the set alerts on.
type tamperAlerting struct {
	alerting  bool
	caught    []bool // by index in tamperEvents
	recorders []analyzer.Finding
}

func summarizeTamperAlerting(pass *analyzer.Pass) (tamperAlerting, error) {
	u := pass.Unit
	var rules []*model.EventRule
	for _, r := range u.Entities.EventRules {
		if r.Pattern != nil && r.Pattern.Kind != model.Null {
			rules = append(rules, r)
		}
	}
	var t tamperAlerting
	if len(rules)+len(u.Entities.MetricFilters) > 0 {
		t.alerting = true
		t.caught = make([]bool, len(tamperEvents))
		for i, name := range tamperEvents {
			t.caught[i] = alerted(rules, u.Entities.MetricFilters, apiCallEvent(name))
		}
	}
	for _, rec := range u.Entities.Recorders {
		t.recorders = append(t.recorders, analyzer.Finding{
			Range:    rec.DefRange,
			Message:  "configuration recorder " + quote(rec.Address) + ": no EventBridge rule or metric filter in this set alerts on ",
			Resource: rec.Address,
			CDKPath:  rec.CDKPath,
		})
	}
	return t, nil
}

func judgeTamperAlerting(pass *analyzer.SetPass, units []tamperAlerting) error {
	recorders, alerting := 0, false
	for _, t := range units {
		recorders += len(t.recorders)
		alerting = alerting || t.alerting
	}
	if recorders == 0 || !alerting {
		return nil // no alerting in this set: the account baseline lives elsewhere
	}
	var missed []string
	for i, name := range tamperEvents {
		caught := false
		for _, t := range units {
			caught = caught || (t.alerting && t.caught[i])
		}
		if !caught {
			missed = append(missed, name)
		}
	}
	if len(missed) == 0 {
		return nil
	}
	for i, t := range units {
		for _, f := range t.recorders {
			f.Message += strings.Join(missed, ", ")
			pass.Report(i, f)
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
