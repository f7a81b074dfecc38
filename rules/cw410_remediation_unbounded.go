package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW410.md
var docCW410 string

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
	Doc:       docCW410,
	Run:       runRemediationUnbounded,
}

func runRemediationUnbounded(pass *analyzer.Pass) error {
	for _, rem := range pass.Unit.Entities.Remediations {
		if on, ok := rem.Automatic.AsBool(); !ok || !on {
			continue
		}
		var missing []*model.Property
		for _, p := range []*model.Property{rem.MaxAttempts, rem.RetrySecs} {
			if p.Absent() {
				missing = append(missing, p)
			}
		}
		if len(missing) == 0 {
			continue
		}
		msg := missing[0].Name
		if len(missing) == 2 {
			msg = missing[0].Name + " or " + missing[1].Name
		}
		pass.Report(wholeFinding(rem.Resource, rem.Automatic.At(), missing[0].Path, analyzer.None,
			"remediation "+quote(rem.Address)+" runs automatically without setting "+msg+": the number of attempts and the pause between them are left to defaults"))
	}
	return nil
}
