package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

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
	Doc:       doc("CW502"),
	Run:       runCloudTrailLogValidationOff,
}

func runCloudTrailLogValidationOff(pass *analyzer.Pass) error {
	prop := propName(pass.Unit.Format, "EnableLogFileValidation", "enable_log_file_validation")
	for _, t := range pass.Unit.Entities.Trails {
		v := t.LogValidation
		if v.IsUnknown() {
			continue
		}
		if on, ok := v.AsBool(); ok && on {
			continue
		}
		rng := t.DefRange
		if v != nil {
			rng = t.PropRange(prop)
		}
		pass.Report(analyzer.Finding{
			Range:    rng,
			Message:  "trail " + quote(t.Address) + " does not enable log file validation (" + prop + "): changes to delivered log files, such as removed AWS Config API calls, cannot be detected",
			Resource: t.Address,
			CDKPath:  t.CDKPath,
			Property: prop,
		})
	}
	return nil
}
