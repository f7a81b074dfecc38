package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
	"github.com/configward/configward/rules/internal/fixes"
)

//go:embed docs/CW109.md
var docCW109 string

// SQSQueueNotEncrypted reports SQS queues with server-side encryption
// turned off: no KMS key and SQS-managed encryption explicitly disabled.
var SQSQueueNotEncrypted = &analyzer.Rule{
	ID:        "CW109",
	Name:      "sqs-queue-not-encrypted",
	Title:     "SQS queue without server-side encryption",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"encryption", "sqs", "aws-config"},
	Precision: "very-high",
	Doc:       docCW109,
	Run: func(pass *analyzer.Pass) error {
		for _, q := range pass.Unit.Entities.Queues {
			if !knownEmpty(q.KMSKeyID) {
				continue // a key, or unknown
			}
			// Since October 2022 SQS encrypts new queues with SSE-SQS
			// unless told not to: only an explicit false is unencrypted.
			if on, ok := q.SQSManaged.AsBool(); !ok || on {
				continue
			}
			sev, why := analyzer.None, ""
		topics:
			for _, t := range q.Topics {
				if chs := configpath.ChannelsNotifying(pass.Unit, t); len(chs) > 0 {
					sev = analyzer.Medium
					why = " (subscribed to topic " + quote(t.Address) + ", " + configpath.Because("notification topic", chs[0]) + ")"
					break topics
				}
			}
			// SSE-SQS needs no key and no key policy: turning it back
			// on is the fix, where the false is written.
			pass.Report(withFix(propFinding(q.Resource, q.SQSManaged, sev,
				"SQS queue "+quote(q.Address)+" turns off SQS-managed encryption and sets no "+q.KMSKeyID.Name+", so its messages are stored unencrypted"+why),
				fixes.Set(pass.Unit, q.Resource, "Turn SQS-managed encryption on", fixes.Setting{Prop: q.SQSManaged, Value: true})))
		}
		return nil
	},
}
