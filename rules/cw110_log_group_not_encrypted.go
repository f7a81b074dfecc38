package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW110.md
var docCW110 string

// LogGroupNotEncrypted reports CloudWatch Logs log groups that are not
// encrypted with a customer managed KMS key.
var LogGroupNotEncrypted = &analyzer.Rule{
	ID:        "CW110",
	Name:      "log-group-not-encrypted",
	Title:     "CloudWatch Logs log group without a KMS key",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"encryption", "logging"},
	Precision: "very-high",
	Doc:       docCW110,
	Run: func(pass *analyzer.Pass) error {
		for _, g := range pass.Unit.Entities.LogGroups {
			if !knownEmpty(g.KMSKeyID) {
				continue
			}
			pass.Report(withFix(propFinding(g.Resource, g.KMSKeyID, analyzer.None,
				"log group "+quote(g.Address)+" is not encrypted with a customer managed KMS key ("+g.KMSKeyID.Name+" is not set)"),
				keyFix(pass.Unit, g.Resource, g.KMSKeyID, "logs.*.amazonaws.com", "Encrypt the log group with the customer managed key of this set")))
		}
		return nil
	},
}
