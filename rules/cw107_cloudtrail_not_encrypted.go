package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

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
	Doc:       doc("CW107"),
	Run: func(pass *analyzer.Pass) error {
		prop := propName(pass.Unit.Format, "KMSKeyId", "kms_key_id")
		for _, t := range pass.Unit.Entities.Trails {
			if !knownEmpty(t.KMSKeyID) {
				continue
			}
			rng := t.DefRange
			if t.KMSKeyID != nil {
				rng = t.PropRange(prop)
			}
			reportOn(pass, t.Resource, rng, analyzer.None, prop,
				"CloudTrail trail "+quote(t.Address)+" does not encrypt its log files with a KMS key ("+prop+" is not set)")
		}
		return nil
	},
}
