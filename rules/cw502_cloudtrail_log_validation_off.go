package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/fixes"
)

//go:embed docs/CW502.md
var docCW502 string

// CloudTrailLogValidationOff reports trails without log file integrity
// validation.
var CloudTrailLogValidationOff = &analyzer.Rule{
	ID:        "CW502",
	Name:      "cloudtrail-log-validation-off",
	Title:     "CloudTrail trail without log file validation",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"cloudtrail", "logging", "integrity"},
	Precision: "very-high",
	Doc:       docCW502,
	Run:       runCloudTrailLogValidationOff,
}

func runCloudTrailLogValidationOff(pass *analyzer.Pass) error {
	for _, t := range pass.Unit.Entities.Trails {
		v := t.LogValidation
		if v.IsUnknown() {
			continue
		}
		if on, ok := v.AsBool(); ok && on {
			continue
		}
		pass.Report(withFix(propFinding(t.Resource, v, analyzer.None,
			"trail "+quote(t.Address)+" does not enable log file validation ("+v.Name+"): changes to delivered log files, such as removed AWS Config API calls, cannot be detected"),
			fixes.Set(pass.Unit, t.Resource, "Turn on log file validation", fixes.Setting{Prop: v, Value: true})))
	}
	return nil
}
