package analyzer

import (
	"slices"

	"github.com/configward/configward/parsers/model"
)

// SuppressionMatches reports whether an in-source suppression covers a
// finding: same rule, and either the finding starts on a line the directive
// covers in the same file, or the directive names the finding's resource
// (CloudFormation Metadata). A directive without a reason suppresses
// nothing: the reason is required.
func SuppressionMatches(s model.Suppression, f *Finding) bool {
	if s.RuleID != f.RuleID || s.Reason == "" {
		return false
	}
	if s.Resource != "" {
		return s.Resource == f.Resource
	}
	return s.Range.Filename == f.Range.Filename && slices.Contains(s.Lines, f.Range.Start.Line)
}
