// Package policycheck holds the policy analyses several rules share: IAM
// action matching, the confused-deputy scoping of a statement granted to a
// service principal, and full-admin detection. It reads model.Policy only.
package policycheck

import (
	"fmt"
	"strings"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/iamactions"
	"github.com/configward/configward/rules/internal/policyeval"
)

// Tri is a three-valued answer: unknown is never a finding.
type Tri uint8

const (
	No Tri = iota
	Yes
	Unknown
)

// Glob matches s against an IAM pattern with * (any run) and ? (any one
// character), case-sensitively as IAM compares values and ARNs.
func Glob(pattern, s string) bool { return iamactions.Glob(pattern, s) }

// MatchAction reports whether an action pattern of a policy ("s3:Put*",
// "*", "sts:AssumeRole") matches the action, case-insensitively as IAM
// compares actions.
func MatchAction(pattern, action string) bool {
	return iamactions.GlobFold(strings.TrimSpace(pattern), action)
}

// AllowsAction reports whether the statement's Action/NotAction covers
// action: Yes when a known Action pattern matches (or NotAction is known and
// none matches), Unknown when unknown elements leave it open.
func AllowsAction(s *model.Statement, action string) Tri {
	if s.Unknown {
		return Unknown
	}
	switch {
	case s.Action != nil:
		res := No
		for _, e := range s.Action {
			if !e.Known {
				res = Unknown
				continue
			}
			if MatchAction(e.Text, action) {
				return Yes
			}
		}
		return res
	case s.NotAction != nil:
		res := Yes
		for _, e := range s.NotAction {
			if !e.Known {
				res = Unknown
				continue
			}
			if MatchAction(e.Text, action) {
				return No
			}
		}
		return res
	}
	return No
}

// AssumeRoleActions are the STS actions that let a principal take a role;
// a trust statement that allows any of them trusts its principal.
var AssumeRoleActions = []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"}

// AllowsAssumeRole reports whether a statement's actions cover
// sts:AssumeRole (directly or through a wildcard such as sts:* or *).
func AllowsAssumeRole(s *model.Statement) Tri {
	return AllowsAction(s, "sts:AssumeRole")
}

// IsFullAdmin reports whether s is a known Allow of every action ("*" or
// "*:*") on every resource ("*").
func IsFullAdmin(s *model.Statement) bool {
	if s.Unknown || !s.IsAllow() || s.NotAction != nil || s.NotResource != nil {
		return false
	}
	return anyKnown(s.Action, func(t string) bool { return t == "*" || t == "*:*" }) &&
		anyKnown(s.Resource, func(t string) bool { return t == "*" })
}

func anyKnown(es []*model.Elem, pred func(string) bool) bool {
	for _, e := range es {
		if e.Known && pred(strings.TrimSpace(e.Text)) {
			return true
		}
	}
	return false
}

// ServicePrincipals returns the known service principals of a statement's
// Principal, one by one, in order.
func ServicePrincipals(s *model.Statement) []*model.Principal {
	var out []*model.Principal
	for _, p := range s.Principal {
		if p.IsService() && p.Value != nil && p.Value.Known && awsfacts.IsServicePrincipal(p.Value.Text) {
			out = append(out, p)
		}
	}
	return out
}

// Source keys: the global condition keys a service principal sets for the
// resource or account it acts for.
const (
	KeySourceAccount  = "aws:sourceaccount"
	KeySourceArn      = "aws:sourcearn"
	KeySourceOrgID    = "aws:sourceorgid"
	KeySourceOrgPaths = "aws:sourceorgpaths"
)

// IsSourceKey reports whether a folded condition key is one of the source
// keys that scope a service principal.
func IsSourceKey(folded string) bool {
	switch folded {
	case KeySourceAccount, KeySourceArn, KeySourceOrgID, KeySourceOrgPaths:
		return true
	}
	return false
}

// Scoping is the result of the confused-deputy analysis of one Allow
// statement for one service principal.
type Scoping struct {
	// Scoped is true when a condition of the statement, or an equivalent
	// Deny of the policy, limits the principal to a known source, or when
	// unknown parts leave that possible.
	Scoped bool
	// Weak lists the source-key conditions of the statement that do not
	// protect, with the reason each one does not ("aws:SourceArn uses
	// ArnLikeIfExists, which passes when the key is absent").
	Weak []WeakCondition
	// PrincipalOrgID is set when the statement relies on
	// aws:PrincipalOrgID / aws:PrincipalOrgPaths, which a service principal
	// does not carry.
	PrincipalOrgID *model.Condition
}

// Missing reports whether the statement has no scoping at all: no
// condition or Deny that scopes it, and no source-key or
// aws:PrincipalOrgID condition that tries to. A scope that is present but
// cannot protect (Weak, PrincipalOrgID) is CW203's, at the condition;
// a missing one is CW201's or CW202's, never both for one statement.
func (sc Scoping) Missing() bool {
	return !sc.Scoped && len(sc.Weak) == 0 && sc.PrincipalOrgID == nil
}

// WeakCondition is a source-key condition that does not protect.
type WeakCondition struct {
	Cond   *model.Condition
	Reason string
}

// ServicePrincipalScoping decides whether the Allow statement s of policy
// p, granted to service principal principal, is protected against the
// confused deputy. Protection is a source-key condition (aws:SourceAccount,
// aws:SourceArn, aws:SourceOrgID, aws:SourceOrgPaths) with a positive
// String/Arn operator, without IfExists or ForAllValues, whose values are not
// all-wildcard (unknown values count: a parameter or
// data.aws_caller_identity names this account); or a Deny statement of the
// same policy that covers the principal and the actions with a negated
// source-key condition.
func ServicePrincipalScoping(p *model.Policy, s *model.Statement, principal string) Scoping {
	return NewScopes(p).Of(s, principal)
}

// Scopes answers ServicePrincipalScoping for the statements of one policy:
// the Denies that can scope a statement (negated source-key conditions
// only) are found once and indexed by the service principal they name, so
// that a policy of n Allows and n Denies costs n, not n x n.
type Scopes struct {
	p     *model.Policy
	built bool
	// byService holds the scoping Denies by each service principal they
	// name (normalized); anyone those naming everyone, an unknown
	// principal, or using NotPrincipal.
	byService map[string][]*model.Statement
	anyone    []*model.Statement
}

// NewScopes returns the scopes of p; the index is built on first use.
func NewScopes(p *model.Policy) *Scopes { return &Scopes{p: p} }

func (sc *Scopes) build() {
	if sc.built {
		return
	}
	sc.built = true
	sc.byService = map[string][]*model.Statement{}
	if sc.p == nil {
		return
	}
	for _, d := range sc.p.Statements {
		if d.Unknown || !d.IsDeny() || !scopingConditions(d) {
			continue
		}
		if d.NotPrincipal != nil {
			sc.anyone = append(sc.anyone, d)
			continue
		}
		seen := map[string]bool{}
		for _, pr := range d.Principal {
			if pr.Value == nil || !pr.Value.Known || pr.IsWildcard() {
				sc.anyone = append(sc.anyone, d)
				seen = nil
				break
			}
			if k := awsfacts.NormalizePrincipal(pr.Value.Text); pr.IsService() && !seen[k] {
				seen[k] = true
				sc.byService[k] = append(sc.byService[k], d)
			}
		}
	}
}

// Of is ServicePrincipalScoping of statement s of the policy.
func (sc *Scopes) Of(s *model.Statement, principal string) Scoping {
	var res Scoping
	for _, c := range s.Conditions {
		if c.Unknown && c.KeyFolded == "" {
			// A Condition (or operator block) that cannot be read
			// may scope the statement.
			res.Scoped = true
			continue
		}
		if policyeval.ServiceCarries(c.KeyFolded) == policyeval.No && positiveOps[c.Base] && !c.IfExists && c.SetOp != "forallvalues" {
			// A key a service's request never carries
			// (aws:PrincipalOrgID): the statement never applies to
			// the service and cannot scope it.
			res.PrincipalOrgID = c
			continue
		}
		if !IsSourceKey(c.KeyFolded) {
			continue
		}
		if why := protects(c); why != "" {
			res.Weak = append(res.Weak, WeakCondition{Cond: c, Reason: why})
			continue
		}
		res.Scoped = true
	}
	if !res.Scoped && sc.p != nil && sc.denyCovers(s, principal) {
		res.Scoped = true
	}
	return res
}

// positiveOps are the operators under which a source-key condition admits
// only the listed sources.
var positiveOps = map[string]bool{
	"stringequals": true, "stringlike": true, "stringequalsignorecase": true,
	"arnequals": true, "arnlike": true,
}

// negatedOps are the operators that, in a Deny, refuse every other source.
var negatedOps = map[string]bool{
	"stringnotequals": true, "stringnotlike": true, "stringnotequalsignorecase": true,
	"arnnotequals": true, "arnnotlike": true,
}

// protects returns "" when the Allow condition c (on a source key) limits
// the statement to known sources, else why it does not.
func protects(c *model.Condition) string {
	name := displayKey(c.KeyFolded)
	switch {
	case !positiveOps[c.Base]:
		return fmt.Sprintf("%s is tested with %s, which does not limit the source", name, c.Operator)
	case c.IfExists:
		return fmt.Sprintf("%s uses %s, which passes when the key is absent", name, c.Operator)
	case c.SetOp == "forallvalues":
		return fmt.Sprintf("%s uses %s, which passes when the key is absent", name, c.Operator)
	}
	if len(c.Values) == 0 {
		return fmt.Sprintf("%s has no values", name)
	}
	if literalOps[c.Base] && anyKnownPattern(c.Values) {
		// StringEquals compares literally: "*" matches no source, so
		// the statement never applies to a foreign one either (CW203
		// reports that it never matches).
		return ""
	}
	for _, v := range c.Values {
		if v.Known && IsWildcardSource(c.KeyFolded, v.Text) {
			return fmt.Sprintf("%s value %q matches any source", name, v.Text)
		}
	}
	return ""
}

// displayKey spells a folded source key the way the docs do.
func displayKey(folded string) string {
	switch folded {
	case KeySourceAccount:
		return "aws:SourceAccount"
	case KeySourceArn:
		return "aws:SourceArn"
	case KeySourceOrgID:
		return "aws:SourceOrgID"
	case KeySourceOrgPaths:
		return "aws:SourceOrgPaths"
	}
	return folded
}

func anyKnownPattern(vs []*model.Elem) bool {
	for _, v := range vs {
		if v.Known && strings.ContainsAny(v.Text, "*?") {
			return true
		}
	}
	return false
}

func onlyWildcards(s string) bool {
	return strings.Trim(s, "*?") == ""
}

// IsWildcardSource reports whether a known value of a source key admits
// every source: "*" for aws:SourceAccount, an ARN whose account (or, for
// account-less ARNs such as S3 buckets, resource) is a wildcard for
// aws:SourceArn ("arn:aws:config:*:*:*", "arn:aws:*"), "o-*" for the org
// keys. A region wildcard with a fixed account ("arn:aws:config:*:<acct>:*")
// is not.
func IsWildcardSource(folded, value string) bool {
	value = strings.TrimSpace(value)
	switch folded {
	case KeySourceAccount:
		return onlyWildcards(value)
	case KeySourceOrgID:
		return onlyWildcards(strings.TrimPrefix(value, "o-"))
	case KeySourceOrgPaths:
		first, _, _ := strings.Cut(value, "/")
		return onlyWildcards(strings.TrimPrefix(first, "o-"))
	case KeySourceArn:
		if onlyWildcards(value) {
			return true
		}
		if !strings.HasPrefix(strings.ToLower(value), "arn:") {
			return false // not ARN-shaped: a variable or odd literal; not provably open
		}
		parts := strings.SplitN(value, ":", 6)
		if len(parts) < 6 {
			// "arn:aws:*": the star runs across every later field.
			return strings.Contains(value, "*")
		}
		account, resource := parts[4], parts[5]
		if account != "" {
			return onlyWildcards(account)
		}
		// Account-less ARN (S3): open when the resource is.
		name, _, _ := strings.Cut(resource, "/")
		return onlyWildcards(name)
	}
	return false
}

// denyCovers reports whether a Deny statement of the policy refuses
// principal the actions of allow whenever the source is not the expected
// one: it names the principal (or everyone), covers every action and
// resource of allow, and its conditions are negated source-key tests with
// non-wildcard values.
func (sc *Scopes) denyCovers(allow *model.Statement, principal string) bool {
	sc.build()
	covers := func(d *model.Statement) bool {
		return d != allow && denyNamesPrincipal(d, principal) && denyCoversActions(d, allow) && denyCoversResources(d, allow)
	}
	for _, d := range sc.byService[awsfacts.NormalizePrincipal(principal)] {
		if covers(d) {
			return true
		}
	}
	for _, d := range sc.anyone {
		if covers(d) {
			return true
		}
	}
	return false
}

// scopingConditions reports whether the conditions of Deny d are those of
// a Deny that scopes: negated source-key tests with non-wildcard values
// (or unknown ones), at least one, and nothing else that narrows it.
func scopingConditions(d *model.Statement) bool {
	hasSource := false
	for _, c := range d.Conditions {
		switch {
		case c.Unknown && c.KeyFolded == "":
			hasSource = true // unknown: may be the scoping Deny
		case IsSourceKey(c.KeyFolded) && negatedOps[c.Base] && c.SetOp == "" && len(c.Values) > 0 && !anyWildcard(c):
			hasSource = true
		default:
			// Another condition narrows the Deny: it no longer
			// refuses every foreign source.
			return false
		}
	}
	return hasSource
}

func anyWildcard(c *model.Condition) bool {
	for _, v := range c.Values {
		if v.Known && IsWildcardSource(c.KeyFolded, v.Text) {
			return true
		}
	}
	return false
}

func denyNamesPrincipal(d *model.Statement, principal string) bool {
	want := awsfacts.NormalizePrincipal(principal)
	for _, pr := range d.Principal {
		if pr.Value == nil || !pr.Value.Known {
			return true // unknown principal: may name it
		}
		if pr.IsWildcard() {
			return true
		}
		if pr.IsService() && awsfacts.NormalizePrincipal(pr.Value.Text) == want {
			return true
		}
	}
	if d.NotPrincipal != nil {
		for _, pr := range d.NotPrincipal {
			if pr.Value == nil || !pr.Value.Known {
				return false
			}
			if pr.IsService() && awsfacts.NormalizePrincipal(pr.Value.Text) == want {
				return false
			}
		}
		return true
	}
	return false
}

// denyCoversActions reports whether every action the Allow grants is denied
// by d. Patterns are compared as text: a Deny pattern covers an Allow
// pattern when it matches it literally ("s3:*" covers "s3:Put*"). Unknown
// elements count as covering: unknown is never a finding.
func denyCoversActions(d, allow *model.Statement) bool {
	if hasUnknown(d.Action) || hasUnknown(d.NotAction) {
		return true
	}
	if allow.Action == nil {
		// A NotAction Allow grants nearly everything: only a Deny of
		// every action covers it.
		return anyKnown(d.Action, func(t string) bool { return t == "*" })
	}
	for _, a := range allow.Action {
		if !a.Known {
			continue
		}
		switch {
		case d.Action != nil:
			covered := false
			for _, e := range d.Action {
				if MatchAction(e.Text, a.Text) {
					covered = true
					break
				}
			}
			if !covered {
				return false
			}
		case d.NotAction != nil:
			for _, e := range d.NotAction {
				if MatchAction(e.Text, a.Text) || MatchAction(a.Text, e.Text) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// denyCoversResources reports whether d applies to every resource of the
// Allow. Trust policies have no Resource element at all.
func denyCoversResources(d, allow *model.Statement) bool {
	if hasUnknown(d.Resource) || hasUnknown(d.NotResource) {
		return true
	}
	switch {
	case d.Resource == nil && d.NotResource == nil:
		return true
	case allow.Resource == nil:
		return d.NotResource == nil && anyKnown(d.Resource, func(t string) bool { return t == "*" })
	}
	for _, r := range allow.Resource {
		if !r.Known {
			continue
		}
		if d.NotResource != nil {
			for _, e := range d.NotResource {
				if Glob(e.Text, r.Text) || Glob(r.Text, e.Text) {
					return false
				}
			}
			continue
		}
		covered := false
		for _, e := range d.Resource {
			if Glob(e.Text, r.Text) {
				covered = true
				break
			}
		}
		if !covered {
			return false
		}
	}
	return true
}

func hasUnknown(es []*model.Elem) bool {
	for _, e := range es {
		if !e.Known {
			return true
		}
	}
	return false
}

// Location is where a finding about a statement element sits: the logical
// location (resource address, CLI entity name, or "Statement[N]" for a raw
// policy), a display name (the Sid of a raw statement) and the property path
// that makes the fingerprint stable.
type Location struct {
	Resource, ResourceName, Property, CDKPath string
}

// Locate returns the location of element elem ("Principal", "Action") of
// statement s in policy p.
func Locate(p *model.Policy, s *model.Statement, elem string) Location {
	stmt := fmt.Sprintf("Statement[%d]", s.Index)
	prop := joinPath(p.Path, stmt, elem)
	switch {
	case p.Owner != nil:
		return Location{Resource: p.Owner.Address, Property: prop, CDKPath: p.Owner.CDKPath}
	case p.Name != "":
		return Location{Resource: p.Name, ResourceName: s.Sid, Property: prop}
	}
	return Location{Resource: stmt, ResourceName: s.Sid, Property: prop}
}

func joinPath(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}

// ownerNouns name a policy's owner in messages, by resource type.
var ownerNouns = []struct{ typ, noun string }{
	{"AWS::SSO::PermissionSet", "permission set"}, {"aws_ssoadmin_permission_set_inline_policy", "permission set policy"},
	{"AWS::S3::BucketPolicy", "bucket policy"}, {"aws_s3_bucket_policy", "bucket policy"},
	{"AWS::S3::Bucket", "bucket"}, {"aws_s3_bucket", "bucket"},
	{"AWS::SNS::TopicPolicy", "topic policy"}, {"aws_sns_topic_policy", "topic policy"},
	{"AWS::SNS::Topic", "topic"}, {"aws_sns_topic", "topic"},
	{"AWS::SQS::QueuePolicy", "queue policy"}, {"aws_sqs_queue_policy", "queue policy"},
	{"AWS::SQS::Queue", "queue"}, {"aws_sqs_queue", "queue"},
	{"AWS::KMS::Key", "key"}, {"aws_kms_key", "key"},
	{"AWS::EC2::VPCEndpoint", "endpoint"}, {"aws_vpc_endpoint_policy", "endpoint policy"}, {"aws_vpc_endpoint", "endpoint"},
	{"AWS::IAM::RolePolicy", "role policy"}, {"aws_iam_role_policy", "role policy"},
	{"AWS::IAM::Role", "role"}, {"aws_iam_role", "role"},
	{"AWS::IAM::UserPolicy", "user policy"}, {"aws_iam_user_policy", "user policy"},
	{"AWS::IAM::User", "user"}, {"aws_iam_user", "user"},
	{"AWS::IAM::GroupPolicy", "group policy"}, {"aws_iam_group_policy", "group policy"},
	{"AWS::IAM::Group", "group"}, {"aws_iam_group", "group"},
	{"AWS::IAM::ManagedPolicy", "policy"}, {"AWS::IAM::Policy", "policy"}, {"aws_iam_policy", "policy"},
	{"data.aws_iam_policy_document", "policy document"},
	{"AWS::Lambda::Permission", "function permission"}, {"aws_lambda_permission", "function permission"},
}

// Subject names the owner of a policy for a message: `role "ConfigRole"`,
// `bucket policy "aws_s3_bucket_policy.logs"`, `role "ConfigRole"` for a
// role named in AWS CLI output; "" for a raw policy file.
func Subject(p *model.Policy) string {
	if p.Owner != nil {
		return OwnerNoun(p.Owner.Type) + " " + quote(p.Owner.Address)
	}
	if p.Name != "" {
		kind, rest, ok := strings.Cut(p.Name, "/")
		if !ok {
			return quote(p.Name)
		}
		if i := strings.LastIndexByte(rest, '/'); i >= 0 {
			rest = rest[i+1:]
		}
		return kind + " " + quote(rest)
	}
	return ""
}

// OwnerNoun names a resource type in messages ("role", "bucket policy").
func OwnerNoun(typ string) string {
	for _, n := range ownerNouns {
		if typ == n.typ {
			return n.noun
		}
	}
	return "resource"
}

func quote(s string) string { return fmt.Sprintf("%q", s) }
