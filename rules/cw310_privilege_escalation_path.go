package rules

import (
	_ "embed"
	"strconv"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
	"github.com/configward/configward/rules/internal/policyeval"
)

//go:embed docs/CW310.md
var docCW310 string

// PrivilegeEscalationPath reports identity policies that let their holder
// grant itself more: IAM policy-writing actions on every resource, or
// iam:PassRole on every role together with an action that runs code under
// a passed role.
var PrivilegeEscalationPath = &analyzer.Rule{
	ID:        "CW310",
	Name:      "privilege-escalation-path",
	Title:     "Identity policy lets its holder grant itself more permissions",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "least-privilege", "privilege-escalation"},
	Precision: "high",
	Doc:       docCW310,
	Run:       runPrivilegeEscalationPath,
}

func runPrivilegeEscalationPath(pass *analyzer.Pass) error {
	reported := map[*model.Elem]bool{} // one finding per action element
	vs := unitViews(pass)
	for _, p := range pass.Unit.Policies {
		if !escalationPolicy(p) {
			continue
		}
		for _, s := range p.Statements {
			if !escalationCandidate(vs, p, s) || len(s.Conditions) > 0 || s.NotResource != nil || !allIAMResources(s) {
				continue
			}
			for _, e := range s.Action {
				if e.Known && !vs.denied(p, s, e) {
					reportDirectEscalation(pass, p, s, e)
				}
			}
		}
		for _, s := range p.Statements {
			if escalationCandidate(vs, p, s) {
				reportModifyCompute(pass, vs, p, s, reported)
			}
		}
		if passRoles := passAnyRole(vs, p); len(passRoles) > 0 {
			reportPassRoleCompute(pass, vs, p, passRoles, " together with iam:PassRole on every role", reported)
		}
	}
	reportSetEscalation(pass, vs, reported)
	// A role holds all its policies at once: iam:PassRole on every role in
	// one and an action that runs code under a passed role in another open
	// the same path as one policy with both.
	for _, role := range pass.Unit.Entities.Roles {
		docs := rolePolicies(role)
		for _, d := range docs {
			if !escalationPolicy(d) {
				continue
			}
			passRoles := passAnyRole(vs, d)
			if len(passRoles) == 0 {
				continue
			}
			for _, c := range docs {
				if c != d && escalationPolicy(c) {
					with := ", and role " + quote(roleName(role)) + ", which holds it, may pass every role (iam:PassRole in " + identitySubject(d) + ")"
					reportPassRoleCompute(pass, vs, c, passRoles, with, reported)
				}
			}
		}
	}
	return nil
}

// escalationPolicy: a known identity policy.
func escalationPolicy(p *model.Policy) bool {
	return p != nil && p.Kind == model.IdentityPolicy && !p.Unknown
}

// passAnyRole returns the iam:PassRole grants of a policy that reach every
// role.
func passAnyRole(vs views, p *model.Policy) []policycheck.PassRoleScope {
	var out []policycheck.PassRoleScope
	for _, s := range p.Statements {
		if !escalationCandidate(vs, p, s) || vs.of(p).Grants(s, "iam:PassRole") != policyeval.Yes {
			continue
		}
		if scope, ok := policycheck.PassRole(s); ok && scope.AllRoles && !hasUnknownCondition(s) {
			out = append(out, scope)
		}
	}
	return out
}

// roleName is the role's name when known, else its address.
func roleName(role *model.Role) string {
	if !role.Name.Absent() && role.Name.Kind == model.String {
		return role.Name.Str
	}
	return role.Address
}

// escalationCandidate: a known Allow with Action that grants something,
// not full admin (CW306) nor NotAction (CW308).
func escalationCandidate(vs views, p *model.Policy, s *model.Statement) bool {
	return !s.Unknown && s.IsAllow() && s.NotAction == nil && !policycheck.IsFullAdmin(s) && !vs.grantsNothing(p, s)
}

func hasUnknownCondition(s *model.Statement) bool {
	for _, c := range s.Conditions {
		if c.Unknown {
			return true
		}
	}
	return false
}

// allIAMResources reports whether the statement applies to every IAM user,
// group, role or policy.
func allIAMResources(s *model.Statement) bool {
	for _, r := range s.Resource {
		if r.Known && policycheck.AllOfType(r.Text, "iam") {
			return true
		}
	}
	return false
}

// reportDirectEscalation reports an action element that grants one of the
// IAM actions that let a principal raise its own permissions.
func reportDirectEscalation(pass *analyzer.Pass, p *model.Policy, s *model.Statement, e *model.Elem) {
	var hits []string
	how := ""
	for _, pe := range policycheck.PrivilegeEscalation {
		if policycheck.MatchAction(e.Text, pe.Action) {
			hits = append(hits, pe.Action)
			if how == "" {
				how = pe.How
			}
		}
	}
	if len(hits) == 0 {
		return
	}
	what := hits[0]
	if !strings.EqualFold(e.Text, hits[0]) {
		what = quote(e.Text) + ", which includes " + joinFirst(hits, 3)
	}
	loc := policycheck.Locate(p, s, "Action")
	pass.Report(analyzer.Finding{
		Range:        stmtElemRange(e, s.ActionRange, s.Range),
		Message:      identitySubject(p) + " allows " + what + " on every resource: its holder " + how,
		Resource:     loc.Resource,
		ResourceName: loc.ResourceName,
		Property:     loc.Property,
		CDKPath:      loc.CDKPath,
	})
}

// reportPassRoleCompute reports the action elements of p that start code
// under a passed role, when one of passRoles may pass every role to that
// service; with says where the PassRole grant is.
func reportPassRoleCompute(pass *analyzer.Pass, vs views, p *model.Policy, passRoles []policycheck.PassRoleScope, with string, reported map[*model.Elem]bool) {
	for _, s := range p.Statements {
		if !escalationCandidate(vs, p, s) || hasUnknownCondition(s) {
			continue
		}
		for _, e := range s.Action {
			if e.Known && !vs.denied(p, s, e) {
				reportComputeElem(pass, p, s, e, passRoles, with, reported)
			}
		}
	}
}

func reportComputeElem(pass *analyzer.Pass, p *model.Policy, s *model.Statement, e *model.Elem, passRoles []policycheck.PassRoleScope, with string, reported map[*model.Elem]bool) {
	for _, pc := range policycheck.PassRoleCompute {
		if reported[e] || !policycheck.MatchAction(e.Text, pc.Action) {
			continue
		}
		passes := false
		for _, sc := range passRoles {
			passes = passes || sc.PassedTo(pc.Principal)
		}
		if !passes {
			continue
		}
		reported[e] = true
		what := pc.Action
		if !strings.EqualFold(e.Text, pc.Action) {
			what = quote(e.Text) + " (" + pc.Action + ")"
		}
		loc := policycheck.Locate(p, s, "Action")
		pass.Report(analyzer.Finding{
			Range:        stmtElemRange(e, s.ActionRange, s.Range),
			Message:      identitySubject(p) + " allows " + what + with + ": its holder can run code as any role that trusts " + pc.Principal,
			Resource:     loc.Resource,
			ResourceName: loc.ResourceName,
			Property:     loc.Property,
			CDKPath:      loc.CDKPath,
		})
		return // one finding per element
	}
}

// joinFirst renders up to n items: "a, b, c and 4 more".
func joinFirst(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + " and " + strconv.Itoa(len(items)-n) + " more"
}
