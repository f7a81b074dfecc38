package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// RecorderNotStarted reports configuration recorders that are declared but
// never started: a Terraform recorder without an enabled recorder status
// resource, a CloudFormation recorder with no delivery channel in its
// template (CloudFormation starts a recorder once a channel exists).
var RecorderNotStarted = &analyzer.Rule{
	ID:        "CW401",
	Name:      "recorder-not-started",
	Title:     "AWS Config recorder is not started",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "logging"},
	Precision: "high",
	Doc:       doc("CW401"),
	Run:       runRecorderNotStarted,
}

func runRecorderNotStarted(pass *analyzer.Pass) error {
	u := pass.Unit
	for _, rec := range u.Entities.Recorders {
		subject := "configuration recorder " + quote(rec.Address)
		if rec.StartedWithChannel {
			if len(u.Entities.DeliveryChannels) > 0 {
				continue
			}
			// The recorder's started state, as a recorder status holds it
			// where one exists.
			reportProp(pass, rec.Resource, rec.IsEnabled, analyzer.None,
				subject+" is never started: the "+u.Noun()+" declares no delivery channel, and the recorder starts only once one exists")
			continue
		}
		switch on := rec.IsEnabled; {
		case on.IsUnknown():
			// A status that may be this recorder's, or an unknown flag.
		case rec.Status == nil:
			pass.Report(withFix(propFinding(rec.Resource, on, analyzer.None,
				subject+" has no "+on.Name+": it is created stopped and records nothing"), recorderStatusFix(u, rec)))
		case on.IsKnown():
			if enabled, ok := on.AsBool(); ok && !enabled {
				pass.Report(withFix(propFinding(on.Holder, on, analyzer.None,
					subject+" is stopped: its recorder status sets "+on.Leaf()+" = false"),
					setFix("Start the recorder", rec.Resource, on, true)))
			}
		}
	}
	return nil
}

// recorderStatusFix adds the aws_config_configuration_recorder_status
// that starts a Terraform recorder. AWS starts a recorder only once a
// delivery channel exists, so the status depends on the module's delivery
// channel when it declares exactly one (the provider's documented
// pattern).
func recorderStatusFix(u *model.Unit, rec *model.Recorder) *analyzer.Fix {
	if u.Format != model.Terraform {
		return nil
	}
	body := "  is_enabled = true\n"
	var channels []*model.Resource
	for _, r := range u.Resources {
		if r.Type == "aws_config_delivery_channel" && len(r.Calls) == 0 && r.DefRange.Filename != "" {
			channels = append(channels, r)
		}
	}
	if len(channels) == 1 && len(rec.Calls) == 0 && !strings.Contains(channels[0].Address, "[") {
		body += "  depends_on = [" + channels[0].Address + "]\n"
	}
	return addBlockFix("Start the recorder", u, rec.Resource, "aws_config_configuration_recorder_status", "name", "name", body)
}
