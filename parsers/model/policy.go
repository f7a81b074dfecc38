package model

import "strings"

// PolicyKind says how a policy document is used, which decides the rules
// that apply to it.
type PolicyKind uint8

const (
	// IdentityPolicy is attached to a user, group or role: no Principal.
	IdentityPolicy PolicyKind = iota
	// TrustPolicy is a role's assume-role policy.
	TrustPolicy
	// ResourcePolicy is attached to a resource: bucket, key, topic, queue,
	// function.
	ResourcePolicy
	// EndpointPolicy is a VPC endpoint's policy: it only narrows what may
	// pass the endpoint and never grants anything by itself.
	EndpointPolicy
)

func (k PolicyKind) String() string {
	switch k {
	case TrustPolicy:
		return "trust"
	case ResourcePolicy:
		return "resource"
	case EndpointPolicy:
		return "endpoint"
	}
	return "identity"
}

// Policy is one IAM policy document, normalized once by parsers/iampolicy
// whatever it came from: a raw JSON file, a CloudFormation object or JSON
// string, Terraform jsonencode, a heredoc or data "aws_iam_policy_document".
type Policy struct {
	Kind PolicyKind
	// Owner is the resource the policy belongs to (nil for a raw policy file
	// or a policy in AWS CLI output that names no resource).
	Owner *Resource
	// Property is where on the owner the document sits
	// ("AssumeRolePolicyDocument", "Policies[0].PolicyDocument", "policy").
	Property string
	// Path is Property's canonical path, the same in every format
	// ("policy", "assume_role_policy", "inline_policy[0].policy"):
	// findings inside the document carry it.
	Path string
	// Name names the policy in findings when there is no owning resource:
	// a role or policy name from AWS CLI output.
	Name  string
	Range Range
	// Version is the Version element, nil when absent.
	Version *Value
	// Statements in document order.
	Statements []*Statement
	// StatementsRange is the range of the Statement element's value when
	// it is a list: where a fix adds a statement.
	StatementsRange Range
	// Unknown is set when the document as a whole could not be evaluated
	// (a reference, a template with interpolation): rules skip it.
	Unknown bool
}

// Address is the logical location of a statement in findings: the owner's
// address, or "Statement[N]" for a raw policy.
func (p *Policy) Subject() string {
	if p.Owner != nil {
		return p.Owner.Address
	}
	return p.Name
}

// Statement is one normalized policy statement. Absent elements are nil
// slices; present but empty ones are non-nil empty slices.
type Statement struct {
	Index int
	Sid   string
	Range Range
	// Effect is "Allow" or "Deny" as written; EffectKnown is false when the
	// effect is an unresolved expression.
	Effect      string
	EffectRange Range
	EffectKnown bool

	Principal    []*Principal
	NotPrincipal []*Principal
	// PrincipalRange is the range of the Principal (or NotPrincipal) key.
	PrincipalRange Range

	Action, NotAction     []*Elem
	Resource, NotResource []*Elem
	// ActionRange etc. are the ranges of the element keys.
	ActionRange, NotActionRange     Range
	ResourceRange, NotResourceRange Range

	Conditions     []*Condition
	ConditionRange Range
	// ConditionValue is the range of the Condition element's value (the
	// object of operators), where a fix adds an operator.
	ConditionValue Range
	// Unknown is set when the statement's structure could not be read
	// (a whole statement that is an unresolved expression).
	Unknown bool
}

// IsAllow reports whether the statement is known to allow.
func (s *Statement) IsAllow() bool { return s.EffectKnown && strings.EqualFold(s.Effect, "Allow") }

// IsDeny reports whether the statement is known to deny.
func (s *Statement) IsDeny() bool { return s.EffectKnown && strings.EqualFold(s.Effect, "Deny") }

// Elem is one string element of a policy: an action, resource, principal or
// condition value. Unknown elements keep their range and Hint.
type Elem struct {
	Text    string
	Known   bool
	Numeric bool // written as a JSON/YAML number (an account id)
	Hint    Hint
	// (The three small fields above share one word: a policy's lists
	// can hold thousands of elements.)
	Ref    *Ref
	Range  Range
	Reason string
	// Glob is the Glob of an unknown string element (see Value.Glob).
	Glob string
}

// Principal is one principal entry: Type is "*" for `"Principal": "*"`,
// otherwise "AWS", "Service", "Federated" or "CanonicalUser" as written
// (compared case-insensitively).
type Principal struct {
	Type  string
	Value *Elem
	// TypeRange is the range of the type key ("Service"), or of the value
	// for the bare "*" form.
	TypeRange Range
}

// IsWildcard reports whether the principal is everyone: "*" or {"AWS": "*"}.
func (p *Principal) IsWildcard() bool {
	if p.Type == "*" {
		return true
	}
	return strings.EqualFold(p.Type, "AWS") && p.Value.Known && p.Value.Text == "*"
}

// IsService reports whether the principal is a service principal.
func (p *Principal) IsService() bool { return strings.EqualFold(p.Type, "Service") }

// Condition is one key of one operator block:
// {"StringEquals": {"aws:SourceAccount": ["1"]}} gives one Condition.
type Condition struct {
	// Operator as written ("ForAnyValue:StringEqualsIfExists").
	Operator string
	// Base is the operator without set prefix and IfExists, lower-cased
	// ("stringequals").
	Base string
	// SetOp is "", "forallvalues" or "foranyvalue".
	SetOp    string
	IfExists bool
	// Key as written and lower-cased.
	Key, KeyFolded string
	KeyRange       Range
	// OperatorRange is the range of the operator key, OperatorValue of
	// its object of keys: where a fix renames the operator or adds a key.
	OperatorRange, OperatorValue Range
	Values                       []*Elem
	// Unknown is set when the values could not be read.
	Unknown bool
}

// At is where to point for a finding about the policy as a whole: the key
// of the owner's property that holds it, else the document, else the
// owner's header.
func (p *Policy) At() Range {
	if p.Owner != nil {
		if f := p.Owner.Body.Field(p.Property); f != nil && !f.KeyRange.IsZero() {
			return f.KeyRange
		}
		if p.Range.IsZero() {
			return p.Owner.DefRange
		}
	}
	return p.Range
}
