package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/fixes"
	"github.com/configward/configward/rules/internal/policycheck"
)

// sourceConditionFix is CW203's fix for condition c of statement s, where
// the right operator or key is not a choice: the operator without
// IfExists or ForAllValues: (the same test, now failing when the key is
// absent), ArnLike for a StringEquals on an aws:SourceArn pattern, and
// aws:SourceOrgID / aws:SourceOrgPaths for aws:PrincipalOrgID /
// aws:PrincipalOrgPaths. Every principal of the statement must be a
// service that sends the source keys (sendsSourceKeys): a test that must
// hold refuses the others. A wrong account, a wildcard value, a negated test or an ARN
// Config never sends needs the value the author meant: no fix. The fix is
// offered only when, renamed, the conditions it touches are neither weak
// nor a problem CW203 reports, so it removes the finding and adds none.
func sourceConditionFix(u *model.Unit, p *model.Policy, s *model.Statement, c *model.Condition, config bool) *analyzer.Fix {
	if p.Unknown || s.Unknown || c.Unknown || c.OperatorRange.IsZero() || c.KeyRange.IsZero() ||
		!sendsSourceKeys(s, p.Kind == model.TrustPolicy) {
		return nil
	}
	for _, x := range s.Conditions {
		if x.Unknown {
			return nil
		}
	}
	if key, ok := orgSourceKey(c); ok {
		return renameKey(u, p, s, c, key, config)
	}
	op, ok := plainOperator(c)
	if !ok {
		return nil
	}
	return renameOperator(u, p, s, c, op, config)
}

// orgSourceKey is the source key that does what aws:PrincipalOrgID or
// aws:PrincipalOrgPaths was meant to do for service principals.
func orgSourceKey(c *model.Condition) (string, bool) {
	switch c.KeyFolded {
	case "aws:principalorgid":
		return "aws:SourceOrgID", true
	case "aws:principalorgpaths":
		return "aws:SourceOrgPaths", true
	}
	return "", false
}

// plainOperator is the operator c should use: without IfExists or
// ForAllValues: on a source key, ArnLike for a StringEquals on an
// aws:SourceArn pattern.
func plainOperator(c *model.Condition) (string, bool) {
	if !policycheck.IsSourceKey(c.KeyFolded) {
		return "", false
	}
	op := c.Operator
	if c.SetOp == "forallvalues" {
		_, op, _ = strings.Cut(op, ":")
	}
	if c.IfExists {
		op = op[:len(op)-len("IfExists")]
	}
	if c.KeyFolded == policycheck.KeySourceArn && (c.Base == "stringequals" || c.Base == "stringequalsignorecase") {
		for _, v := range c.Values {
			if v.Known && strings.ContainsAny(v.Text, "*?") {
				op = "ArnLike"
				break
			}
		}
	}
	if op == c.Operator || c.SetOp == "foranyvalue" {
		return "", false
	}
	return op, true
}

// renameOperator renames the operator of c (and so of every key it
// holds: all must be source keys that the new operator scopes).
func renameOperator(u *model.Unit, p *model.Policy, s *model.Statement, c *model.Condition, op string, config bool) *analyzer.Fix {
	after := copyStatement(s)
	block := 0
	for i, x := range s.Conditions {
		if strings.EqualFold(x.Operator, op) {
			return nil // the statement has that operator: its keys would collide
		}
		if x.OperatorRange != c.OperatorRange {
			continue
		}
		block++
		if !policycheck.IsSourceKey(x.KeyFolded) {
			return nil
		}
		y := *x
		y.Operator = op
		y.SetOp, y.Base, y.IfExists = parseOperator(op)
		after.Conditions[i] = &y
	}
	if block > 1 && fixes.InPolicyDocument(u, s.Range) {
		return nil // each condition block has its own test
	}
	if !fixedCleanly(p, s, after, config) {
		return nil
	}
	return &analyzer.Fix{
		Description: "Test the source with " + op,
		Changes:     []analyzer.Change{{Replace: c.OperatorRange, Value: op}},
	}
}

// renameKey renames the key of c.
func renameKey(u *model.Unit, p *model.Policy, s *model.Statement, c *model.Condition, key string, config bool) *analyzer.Fix {
	after := copyStatement(s)
	for i, x := range s.Conditions {
		if strings.EqualFold(x.Key, key) && x.OperatorRange == c.OperatorRange {
			return nil
		}
		if x == c {
			y := *x
			y.Key, y.KeyFolded = key, strings.ToLower(key)
			after.Conditions[i] = &y
		}
	}
	if !fixedCleanly(p, s, after, config) {
		return nil
	}
	return &analyzer.Fix{
		Description: "Scope the services with " + key,
		Changes:     []analyzer.Change{{Replace: c.KeyRange, Value: key}},
	}
}

func copyStatement(s *model.Statement) *model.Statement {
	after := *s
	after.Conditions = append([]*model.Condition(nil), s.Conditions...)
	return &after
}

func parseOperator(op string) (setOp, base string, ifExists bool) {
	lower := strings.ToLower(op)
	if i := strings.Index(lower, ":"); i >= 0 {
		setOp, lower = lower[:i], lower[i+1:]
	}
	if strings.HasSuffix(lower, "ifexists") {
		ifExists, lower = true, strings.TrimSuffix(lower, "ifexists")
	}
	return setOp, lower, ifExists
}

// fixedCleanly reports whether statement after (s with conditions
// renamed) has no weak or problem source condition among the renamed
// ones and scopes every service principal s names.
func fixedCleanly(p *model.Policy, s, after *model.Statement, config bool) bool {
	renamed := map[*model.Condition]bool{}
	for i, x := range after.Conditions {
		if x != s.Conditions[i] {
			renamed[x] = true
		}
	}
	for _, pr := range policycheck.ServicePrincipals(after) {
		sc := policycheck.ServicePrincipalScoping(p, after, pr.Value.Text)
		if !sc.Scoped || sc.PrincipalOrgID != nil {
			return false
		}
		for _, w := range sc.Weak {
			if renamed[w.Cond] {
				return false
			}
		}
	}
	for _, prob := range policycheck.SourceProblems(after, config) {
		if renamed[prob.Cond] {
			return false
		}
	}
	return true
}
