package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW107.md
var docCW107 string

// CloudTrailNotEncrypted reports CloudTrail trails whose log files are not
// encrypted with a KMS key.
var CloudTrailNotEncrypted = &analyzer.Rule{
	ID:        "CW107",
	Name:      "cloudtrail-not-encrypted",
	Title:     "CloudTrail trail without KMS encryption",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"encryption", "cloudtrail", "logging"},
	Precision: "very-high",
	Doc:       docCW107,
	Run: func(pass *analyzer.Pass) error {
		for _, t := range pass.Unit.Entities.Trails {
			if !knownEmpty(t.KMSKeyID) {
				continue
			}
			pass.Report(withFix(propFinding(t.Resource, t.KMSKeyID, analyzer.None,
				"CloudTrail trail "+quote(t.Address)+" does not encrypt its log files with a KMS key ("+t.KMSKeyID.Name+" is not set)"),
				keyFix(pass.Unit, t.Resource, t.KMSKeyID, "cloudtrail.amazonaws.com", "Encrypt the log files with the customer managed key of this set")))
		}
		return nil
	},
}
