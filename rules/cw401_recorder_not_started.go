package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/fixes"
)

//go:embed docs/CW401.md
var docCW401 string

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
	Doc:       docCW401,
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
					recorderStatusFix(u, rec)))
			}
		}
	}
	return nil
}

// recorderStatusFix starts the recorder where the format has a status to
// set (Terraform's recorder status, added when missing, after the
// unit's delivery channel when it has exactly one).
func recorderStatusFix(u *model.Unit, rec *model.Recorder) *analyzer.Fix {
	var after []*model.Resource
	if chs := u.Entities.DeliveryChannels; len(chs) == 1 {
		after = append(after, chs[0].Resource)
	}
	return fixes.SetAfter(u, rec.Resource, "Start the recorder", after, fixes.Setting{Prop: rec.IsEnabled, Value: true})
}
