package fixes

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// AddCondition is the change that adds the condition op: {key: value} to
// statement s of policy p where the policy is written: beside the keys of
// an operator op the statement already has, else as an operator beside
// the ones it has, else as its Condition element; in an
// aws_iam_policy_document, as a condition block of the statement. It is
// nil where the statement's place in the file is not known: a document
// decoded from a string (every node then points at the string), one read
// from another file (a template file, whose references are not the
// module's), an instance of several (count, for_each).
func AddCondition(u *model.Unit, p *model.Policy, s *model.Statement, op, key string, value analyzer.FixValue) *analyzer.Change {
	if p == nil || s == nil || p.Unknown || s.Unknown || s.Range.IsZero() || s.Range == p.Range {
		return nil
	}
	if u.Format == model.Terraform {
		if !strings.HasSuffix(s.Range.Filename, ".tf") {
			return nil
		}
		if p.Owner != nil && strings.Contains(p.Owner.Address, "[") {
			return nil
		}
		if doc := documentOf(u, s.Range); doc != nil {
			if strings.Contains(doc.Address, "[") {
				return nil
			}
			values := analyzer.FixExpr{HCL: "[" + hclOf(value) + "]"}
			if values.HCL == "[]" {
				return nil
			}
			return &analyzer.Change{Anchor: s.Range, AtValue: true, Block: &analyzer.FixBlock{Type: "condition", Body: analyzer.FixObject{
				{Key: "test", Value: op}, {Key: "variable", Value: key}, {Key: "values", Value: values},
			}}}
		}
	}
	for _, c := range s.Conditions {
		if c.Unknown {
			return nil // an operator or Condition that cannot be read
		}
	}
	for _, c := range s.Conditions {
		if c.Operator == op {
			if c.OperatorValue.IsZero() || c.OperatorValue == s.Range {
				return nil
			}
			return &analyzer.Change{Anchor: c.OperatorValue, AtValue: true, Path: []string{key}, Value: value}
		}
	}
	if !s.ConditionRange.IsZero() {
		if s.ConditionValue.IsZero() || s.ConditionValue == s.Range {
			return nil
		}
		return &analyzer.Change{Anchor: s.ConditionValue, AtValue: true, Path: []string{op, key}, Value: value}
	}
	return &analyzer.Change{Anchor: s.Range, AtValue: true, Path: []string{"Condition", op, key}, Value: value}
}

// InPolicyDocument reports whether rng is inside an
// aws_iam_policy_document data source, whose conditions are blocks.
func InPolicyDocument(u *model.Unit, rng model.Range) bool { return documentOf(u, rng) != nil }

// documentOf is the aws_iam_policy_document data source whose body holds
// rng, nil when none does.
func documentOf(u *model.Unit, rng model.Range) *model.Resource {
	for _, r := range u.Resources {
		if r.Type != "data.aws_iam_policy_document" || r.Body == nil {
			continue
		}
		b := r.Body.Range
		if b.Filename == rng.Filename && b.Start.Byte <= rng.Start.Byte && rng.End.Byte <= b.End.Byte {
			return r
		}
	}
	return nil
}

// hclOf spells a scalar value as an HCL expression, "" when it has none.
func hclOf(v analyzer.FixValue) string {
	switch v := v.(type) {
	case string:
		if strings.ContainsAny(v, `"\$%`) {
			return ""
		}
		return `"` + v + `"`
	case analyzer.FixExpr:
		return v.HCL
	}
	return ""
}
