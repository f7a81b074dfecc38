package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

//go:embed docs/CW105.md
var docCW105 string

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
	Doc:       docCW105,
	Run: func(pass *analyzer.Pass) error {
		for _, t := range pass.Unit.Entities.Topics {
			if !knownEmpty(t.KMSKeyID) {
				continue
			}
			sev, why := analyzer.None, ""
			// Who publishes decides whose access the key needs: AWS
			// Config for its notification topic; another topic's
			// publishers are not known.
			var fix *analyzer.Fix
			if chs := configpath.ChannelsNotifying(pass.Unit, t); len(chs) > 0 {
				sev, why = analyzer.Medium, " ("+configpath.Because("notification topic", chs[0])+")"
				fix = keyFix(pass.Unit, t.Resource, t.KMSKeyID, "config.amazonaws.com", "Encrypt the topic with the customer managed key of this set")
			}
			pass.Report(withFix(propFinding(t.Resource, t.KMSKeyID, sev,
				"SNS topic "+quote(t.Address)+" is not encrypted with a KMS key ("+t.KMSKeyID.Name+" is not set)"+why), fix))
		}
		return nil
	},
}
