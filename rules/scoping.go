package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/policycheck"
)

// The scope of CW201 and CW202, shared with CW203 so that a statement's
// scoping is reported by exactly one of them (shared/rules.md): CW201/CW202
// when the scope is missing (no source-key condition, no scoping Deny),
// CW203 at the condition when a scope is present but cannot protect
// (...IfExists, ForAllValues:, wildcard values, aws:PrincipalOrgID on a
// service principal).

// trustPolicyJudged reports whether CW201 looks at trust policy p: not a
// service-linked role's.
func trustPolicyJudged(p *model.Policy, slr map[*model.Policy]bool) bool {
	return p.Kind == model.TrustPolicy && !p.Unknown && !slr[p] && !awsfacts.IsServiceLinkedRolePath(p.Name)
}

// trustStatementJudged reports whether CW201 looks at statement s of a
// trust policy: a known Allow of sts:AssumeRole.
func trustStatementJudged(s *model.Statement) bool {
	return !s.Unknown && s.IsAllow() && policycheck.AllowsAssumeRole(s) == policycheck.Yes
}

// trustPrincipalSeverity is CW201's severity for service principal name,
// and whether CW201 judges it at all: the Config service principal (high)
// and the principals whose documentation shows the source keys in trust
// policies (medium); compute principals and undocumented services are not.
func trustPrincipalSeverity(name string) (analyzer.Severity, bool) {
	switch {
	case awsfacts.IsConfigPrincipal(name):
		return analyzer.High, true
	case awsfacts.IsTrustExempt(name):
		return analyzer.None, false
	}
	if _, ok := awsfacts.TrustScopableFact(name); !ok {
		return analyzer.None, false // AWS documents no source keys for it: precision first
	}
	return analyzer.Medium, true
}

// resourcePrincipalJudged reports whether CW202 judges service principal
// name in a resource policy.
func resourcePrincipalJudged(name string) bool { return !awsfacts.IsResourceExempt(name) }

// reportedUnscoped reports whether CW201 or CW202 report some service
// principal of statement s of policy p (whose scopes are given) as
// unscoped.
func reportedUnscoped(p *model.Policy, s *model.Statement, slr map[*model.Policy]bool, scopes *policycheck.Scopes) bool {
	if p.Unknown || s.Unknown || !s.IsAllow() {
		return false
	}
	for _, pr := range policycheck.ServicePrincipals(s) {
		name := pr.Value.Text
		switch p.Kind {
		case model.TrustPolicy:
			if !trustPolicyJudged(p, slr) || !trustStatementJudged(s) {
				return false
			}
			if _, judged := trustPrincipalSeverity(name); !judged {
				continue
			}
		case model.ResourcePolicy:
			if !resourcePrincipalJudged(name) {
				continue
			}
		default:
			return false
		}
		if scopes.Of(s, name).Missing() {
			return true
		}
	}
	return false
}
