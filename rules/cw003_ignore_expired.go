package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// IgnoreExpired reports .configward.yml ignore entries past their expires
// date: they no longer suppress, and the finding says so once, at the entry.
var IgnoreExpired = &analyzer.Rule{
	ID:        "CW003",
	Name:      "ignore-expired",
	Title:     "Configuration ignore entry past its expiry date",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.ConfigFile},
	Tags:      []string{"maintainability"},
	Precision: "very-high",
	Doc:       doc("CW003"),
	Run: func(pass *analyzer.Pass) error {
		for _, d := range pass.Unit.Diagnostics {
			if d.Rule == "CW003" {
				pass.Report(analyzer.Finding{Range: d.Range, Message: d.Summary, Resource: pass.Unit.Path, Property: d.Summary})
			}
		}
		return nil
	},
}
