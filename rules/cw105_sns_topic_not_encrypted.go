package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

// SNSTopicNotEncrypted reports SNS topics without server-side encryption
// under a KMS key.
var SNSTopicNotEncrypted = &analyzer.Rule{
	ID:        "CW105",
	Name:      "sns-topic-not-encrypted",
	Title:     "SNS topic without KMS encryption",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"encryption", "sns", "aws-config"},
	Precision: "very-high",
	Doc:       doc("CW105"),
	Run: func(pass *analyzer.Pass) error {
		prop := propName(pass.Unit.Format, "KmsMasterKeyId", "kms_master_key_id")
		for _, t := range pass.Unit.Entities.Topics {
			if !knownEmpty(t.KMSKeyID) {
				continue
			}
			sev, why := analyzer.None, ""
			if chs := configpath.ChannelsNotifying(pass.Unit, t); len(chs) > 0 {
				sev, why = analyzer.Medium, " ("+configpath.Because("notification topic", chs[0])+")"
			}
			rng := t.DefRange
			if t.KMSKeyID != nil {
				rng = t.PropRange(prop)
			}
			reportOn(pass, t.Resource, rng, sev, prop,
				"SNS topic "+quote(t.Address)+" is not encrypted with a KMS key ("+prop+" is not set)"+why)
		}
		return nil
	},
}
