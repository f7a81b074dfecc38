package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// RemediationUnbounded reports automatic remediations that do not state how
// many attempts they make and how long they wait between them.
var RemediationUnbounded = &analyzer.Rule{
	ID:        "CW410",
	Name:      "remediation-unbounded",
	Title:     "Automatic remediation without bounded retries",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "remediation"},
	Precision: "high",
	Doc:       doc("CW410"),
	Run:       runRemediationUnbounded,
}

func runRemediationUnbounded(pass *analyzer.Pass) error {
	f := pass.Unit.Format
	for _, rem := range pass.Unit.Entities.Remediations {
		if on, ok := rem.Automatic.AsBool(); !ok || !on {
			continue
		}
		var missing []string
		attempts := propName(f, "MaximumAutomaticAttempts", "maximum_automatic_attempts")
		retry := propName(f, "RetryAttemptSeconds", "retry_attempt_seconds")
		if rem.MaxAttempts == nil {
			missing = append(missing, attempts)
		}
		if rem.RetrySecs == nil {
			missing = append(missing, retry)
		}
		if len(missing) == 0 {
			continue
		}
		msg := missing[0]
		if len(missing) == 2 {
			msg = missing[0] + " or " + missing[1]
		}
		auto := propName(f, "Automatic", "automatic")
		pass.Report(analyzer.Finding{
			Range:    rem.PropRange(auto),
			Message:  "remediation " + quote(rem.Address) + " runs automatically without setting " + msg + ": the number of attempts and the pause between them are left to defaults",
			Resource: rem.Address,
			CDKPath:  rem.CDKPath,
			Property: missing[0],
		})
	}
	return nil
}
