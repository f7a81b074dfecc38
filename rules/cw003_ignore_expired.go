package rules

import (
	_ "embed"
	"fmt"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW003.md
var docCW003 string

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
	Doc:       docCW003,
	Run: func(pass *analyzer.Pass) error {
		for _, s := range pass.Unit.Suppressions {
			if s.Expired {
				pass.Report(analyzer.Finding{
					Range:    s.Range,
					Message:  fmt.Sprintf("ignore of %s expired on %s and no longer suppresses", s.RuleID, s.Expires.Format("2006-01-02")),
					Property: "ignore[" + s.RuleID + "]",
				})
			}
		}
		return nil
	},
}
