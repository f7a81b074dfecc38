package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW001.md
var docCW001 string

// InvalidInput reports input that looks like IaC or a policy but cannot be
// read: every error diagnostic a parser left on the unit.
var InvalidInput = &analyzer.Rule{
	ID:        "CW001",
	Name:      "invalid-input",
	Title:     "Input that cannot be parsed or evaluated",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy, model.ConfigFile},
	Tags:      []string{"correctness"},
	Precision: "very-high",
	Doc:       docCW001,
	Run: func(pass *analyzer.Pass) error {
		for _, d := range pass.Unit.Diagnostics {
			if d.Severity != model.DiagError {
				continue
			}
			msg := d.Summary
			if d.Detail != "" {
				msg += ": " + d.Detail
			}
			// No resource: the file, part of every fingerprint, names the
			// place (a unit path would change with the scanned root).
			pass.Report(analyzer.Finding{Range: d.Range, Message: msg})
		}
		return nil
	},
}
