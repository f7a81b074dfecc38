package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/policycheck"
)

// What the CW3xx rules share: which roles are "Config roles" (rules.md: the
// recorder's role, custom-rule Lambda execution roles, remediation
// automation roles, organization-aggregator roles), the policies of a
// role, and the breadth of a statement.

// configRoleKind says why a role is a Config role.
type configRoleKind uint8

const (
	recorderRole configRoleKind = iota
	ruleFunctionRole
	remediationRole
	aggregatorRole
)

func (k configRoleKind) String() string {
	switch k {
	case ruleFunctionRole:
		return "custom rule function role"
	case remediationRole:
		return "remediation role"
	case aggregatorRole:
		return "organization aggregator role"
	}
	return "recorder role"
}

// configRole is a role declared in the unit that AWS Config uses.
type configRole struct {
	Role *model.Role
	Kind configRoleKind
}

// configRoles returns the Config roles of a unit, each once, in the order
// recorder, rule function, remediation, aggregator; service-linked roles
// are left out (AWS owns their policies).
func configRoles(u *model.Unit) []configRole {
	var out []configRole
	seen := map[*model.Role]bool{}
	add := func(r *model.Role, k configRoleKind) {
		if r == nil || seen[r] || isServiceLinked(r) {
			return
		}
		seen[r] = true
		out = append(out, configRole{Role: r, Kind: k})
	}
	for _, rec := range u.Entities.Recorders {
		add(rec.Role, recorderRole)
	}
	for _, rule := range u.Entities.ConfigRules {
		if owner, ok := rule.Owner.AsString(); ok && owner == "CUSTOM_LAMBDA" && rule.Function != nil {
			add(rule.Function.Role, ruleFunctionRole)
		}
	}
	for _, rem := range u.Entities.Remediations {
		add(rem.AutomationRole, remediationRole)
	}
	for _, agg := range u.Entities.Aggregators {
		add(agg.OrgRole, aggregatorRole)
	}
	return out
}

// isServiceLinked reports whether a role is a service-linked role.
func isServiceLinked(r *model.Role) bool {
	if r.ServiceLinked {
		return true
	}
	path, _ := r.Path.AsString()
	return awsfacts.IsServiceLinkedRolePath(path)
}

// rolePolicies returns the identity policies of a role: inline ones and the
// customer policies attached to it, each once.
func rolePolicies(r *model.Role) []*model.Policy {
	var out []*model.Policy
	seen := map[*model.Policy]bool{}
	add := func(p *model.Policy) {
		if p != nil && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range r.InlinePolicies {
		add(p)
	}
	for _, at := range r.Attachments {
		if at.Policy != nil {
			add(at.Policy.Policy)
		}
	}
	return out
}

// embeddedManaged is the embedded document of AWS managed policy mp
// attached to the role (Role.ManagedPolicies), nil when configward does
// not embed it: the documents are the one source of what such a policy
// allows. Only mp's document is parsed (on first request).
func embeddedManaged(r *model.Role, mp awsfacts.ManagedPolicy) *model.Policy {
	for _, p := range r.ManagedPolicies {
		if got, ok := awsfacts.ParseManagedPolicyARN(p.ARN); ok && got == mp {
			return p.Document()
		}
	}
	return nil
}

// attachmentPolicy names the AWS managed policy of an attachment. known
// is false when the ARN cannot be read (a reference or parameter), aws is
// false for a customer managed policy.
func attachmentPolicy(at *model.PolicyAttachment) (mp awsfacts.ManagedPolicy, aws, known bool) {
	if at.Policy != nil {
		return mp, false, true
	}
	text, ok := crTextOrGlob(at.ARN)
	if !ok {
		return mp, false, false
	}
	mp, aws = awsfacts.ParseManagedPolicyARN(text)
	if !aws && (strings.Contains(text, "*") || !strings.HasPrefix(text, "arn:")) {
		return mp, false, false // not readable enough to say it is a customer policy
	}
	return mp, aws, true
}

// crTextOrGlob returns a known string, or the glob of an unknown string built
// from a template (model.Value.Glob).
func crTextOrGlob(v *model.Value) (string, bool) {
	if v == nil {
		return "", false
	}
	if v.Kind == model.String {
		return v.Str, true
	}
	if v.Kind == model.Unknown && v.Glob != "" {
		return v.Glob, true
	}
	return "", false
}

// roleName names a role in messages: its address.
func roleSubject(cr configRole) string {
	return cr.Kind.String() + " " + quote(cr.Role.Address)
}

// crResourceAll reports whether a statement's Resource holds a known "*".
func crResourceAll(s *model.Statement) bool {
	for _, e := range s.Resource {
		if e.Known && strings.TrimSpace(e.Text) == "*" {
			return true
		}
	}
	return false
}

// crActionElem returns the first known action element of s matched by pred,
// for ranges.
func crActionElem(s *model.Statement, pred func(string) bool) *model.Elem {
	for _, e := range s.Action {
		if e.Known && pred(strings.ToLower(strings.TrimSpace(e.Text))) {
			return e
		}
	}
	return nil
}

// elemRange points at an element, else the fallback ranges in order.
func elemRange(e *model.Elem, fallback ...model.Range) model.Range {
	if e != nil && !e.Range.IsZero() {
		return e.Range
	}
	for _, r := range fallback {
		if !r.IsZero() {
			return r
		}
	}
	return model.Range{}
}

// breadth is why a statement on a Config role is overbroad.
type breadth struct {
	Severity analyzer.Severity
	Reason   string
	Range    model.Range
	Elem     string // the statement element at fault: "Action", "NotAction"
}

// overbroadStatement judges one statement of a Config role's policy
// (research §3.10): every action, NotAction, iam:*, iam:PassRole on * without
// iam:PassedToService, s3:*, kms:* or config:* on *. ok is false for a
// statement that is none of these, or that is not a known Allow.
func overbroadStatement(vs views, p *model.Policy, s *model.Statement) (breadth, bool) {
	if s.Unknown || !s.IsAllow() {
		return breadth{}, false
	}
	if vs.grantsNothing(p, s) {
		return breadth{}, false // NotResource "*", or refused by a Deny of the policy
	}
	if e := crActionElem(s, func(a string) bool { return a == "*" || a == "*:*" }); e != nil {
		return breadth{analyzer.Critical, "allows every action", elemRange(e, s.ActionRange, s.Range), "Action"}, true
	}
	if s.NotAction != nil {
		return breadth{analyzer.High, "allows every action not listed in NotAction", elemRange(nil, s.NotActionRange, s.Range), "NotAction"}, true
	}
	if !crResourceAll(s) {
		return breadth{}, false
	}
	if e := crActionElem(s, func(a string) bool { return a == "iam:*" }); e != nil {
		return breadth{analyzer.Critical, "allows iam:* on every resource, a path to administrator access", elemRange(e, s.ActionRange, s.Range), "Action"}, true
	}
	if e := crActionElem(s, func(a string) bool { return policycheck.MatchAction(a, "iam:PassRole") }); e != nil && !crHasCondKey(s, "iam:passedtoservice") {
		return breadth{analyzer.High, "allows iam:PassRole on every role without an iam:PassedToService condition", elemRange(e, s.ActionRange, s.Range), "Action"}, true
	}
	for _, svc := range []string{"s3", "kms", "config"} {
		if e := crActionElem(s, func(a string) bool { return a == svc+":*" }); e != nil {
			return breadth{analyzer.High, "allows " + svc + ":* on every resource", elemRange(e, s.ActionRange, s.Range), "Action"}, true
		}
	}
	return breadth{}, false
}

// crHasCondKey reports whether a statement tests a condition key
// (folded), or has a condition that cannot be read.
func crHasCondKey(s *model.Statement, folded string) bool {
	for _, c := range s.Conditions {
		if c.KeyFolded == folded || (c.Unknown && c.KeyFolded == "") {
			return true
		}
	}
	return false
}

// crPolicySubject names the owner of a policy statement for messages.
func crPolicySubject(p *model.Policy) string {
	if sub := policycheck.Subject(p); sub != "" {
		return sub
	}
	return "policy"
}
