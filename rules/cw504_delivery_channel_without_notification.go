package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW504.md
var docCW504 string

// DeliveryChannelWithoutNotification reports delivery channels with no SNS
// topic when no EventBridge rule of the scanned set routes AWS Config's
// events anywhere either.
var DeliveryChannelWithoutNotification = &analyzer.Rule{
	ID:        "CW504",
	Name:      "delivery-channel-without-notification",
	Title:     "AWS Config changes and delivery failures notify no one",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "monitoring"},
	Precision: "high",
	Doc:       docCW504,
	Set:       &analyzer.SetCheck[notificationCheck]{Summarize: summarizeNotification, Judge: judgeNotification},
}

// notificationCheck is what CW504 keeps of a unit: whether an EventBridge
// rule of it routes AWS Config's events somewhere, and a finding for each
// delivery channel without a topic, reported when no unit of the set
// routes them.
type notificationCheck struct {
	routed bool
	silent []analyzer.Finding
}

func summarizeNotification(pass *analyzer.Pass) (notificationCheck, error) {
	u := pass.Unit
	for _, r := range u.Entities.EventRules {
		if ruleAlerts(r) == policycheck.No {
			continue
		}
		for _, dt := range notificationTypes {
			if ruleMatches(r, configEvent{source: "aws.config", detailType: dt}) != policycheck.No {
				return notificationCheck{routed: true}, nil
			}
		}
	}
	var c notificationCheck
	for _, ch := range u.Entities.DeliveryChannels {
		t := ch.TopicARN
		if t.IsUnknown() {
			continue
		}
		if s, ok := t.AsString(); ok && s != "" {
			continue
		}
		c.silent = append(c.silent, propFinding(ch.Resource, t, analyzer.None,
			"delivery channel "+quote(ch.Address)+" sets no "+t.Name+" and no EventBridge rule in this set routes AWS Config events: configuration changes and delivery failures notify no one"))
	}
	return c, nil
}

func judgeNotification(pass *analyzer.SetPass, units []notificationCheck) error {
	for _, c := range units {
		if c.routed {
			return nil
		}
	}
	for i, c := range units {
		for _, f := range c.silent {
			pass.Report(i, f)
		}
	}
	return nil
}
