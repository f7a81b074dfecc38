package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

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
	Doc:       doc("CW504"),
	RunSet:    runDeliveryChannelWithoutNotification,
}

func runDeliveryChannelWithoutNotification(pass *analyzer.SetPass) error {
	var rules []*model.EventRule
	for _, u := range pass.Units {
		rules = append(rules, u.Entities.EventRules...)
	}
	for _, r := range rules {
		if ruleAlerts(r) == policycheck.No {
			continue
		}
		for _, dt := range notificationTypes {
			if ruleMatches(r, configEvent{source: "aws.config", detailType: dt}) != policycheck.No {
				return nil
			}
		}
	}
	for _, u := range pass.Units {
		prop := propName(u.Format, "SnsTopicARN", "sns_topic_arn")
		for _, ch := range u.Entities.DeliveryChannels {
			t := ch.TopicARN
			if t.IsUnknown() {
				continue
			}
			if s, ok := t.AsString(); ok && s != "" {
				continue
			}
			rng := ch.DefRange
			if t != nil {
				rng = ch.PropRange(prop)
			}
			pass.Report(u, analyzer.Finding{
				Range:    rng,
				Message:  "delivery channel " + quote(ch.Address) + " sets no " + prop + " and no EventBridge rule in this set routes AWS Config events: configuration changes and delivery failures notify no one",
				Resource: ch.Address,
				CDKPath:  ch.CDKPath,
				Property: prop,
			})
		}
	}
	return nil
}
