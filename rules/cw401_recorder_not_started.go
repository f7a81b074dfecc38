package rules

import (
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
			reportProp(pass, rec.Resource, on, analyzer.None,
				subject+" has no "+on.Name+": it is created stopped and records nothing")
		case on.IsKnown():
			if enabled, ok := on.AsBool(); ok && !enabled {
				reportProp(pass, on.Holder, on, analyzer.None,
					subject+" is stopped: its recorder status sets "+on.Leaf()+" = false")
			}
		}
	}
	return nil
}
