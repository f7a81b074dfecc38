// Package policyeval evaluates IAM policy documents the way AWS does: one
// request against one policy (Evaluate, which the simulator oracle checks),
// and the questions the policy rules ask of a statement set: what an Allow
// still grants once its policy's Denies are subtracted, and which condition
// keys a caller carries. It reads model.Policy only.
package policyeval

import (
	"strings"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/iamactions"
)

// Tri is a three-valued answer; Unknown is never a finding.
type Tri uint8

const (
	No Tri = iota
	Yes
	Unknown
)

func (t Tri) String() string {
	switch t {
	case Yes:
		return "yes"
	case Unknown:
		return "unknown"
	}
	return "no"
}

// and combines two answers that must both hold.
func and(a, b Tri) Tri {
	switch {
	case a == No || b == No:
		return No
	case a == Unknown || b == Unknown:
		return Unknown
	}
	return Yes
}

func not(a Tri) Tri {
	switch a {
	case Yes:
		return No
	case No:
		return Yes
	}
	return Unknown
}

func triOf(b bool) Tri {
	if b {
		return Yes
	}
	return No
}

// Decision is what one policy says about one request.
type Decision uint8

const (
	// NotApplicable: no statement matches (an implicit deny, unless
	// another policy allows).
	NotApplicable Decision = iota
	Allowed
	// Denied: a Deny statement matches; nothing else can allow.
	Denied
	// Undecided: unknown parts of the policy decide.
	Undecided
)

func (d Decision) String() string {
	return [...]string{"not-applicable", "allowed", "denied", "undecided"}[d]
}

// CallerKind is the kind of principal that makes a request.
type CallerKind uint8

const (
	Anonymous CallerKind = iota
	// Account is an account's root user.
	Account
	User
	Role
	// Session is an assumed-role session (arn:aws:sts::<acct>:assumed-role/<role>/<session>).
	Session
	// Service is an AWS service principal calling on its own behalf
	// (config.amazonaws.com delivering to a bucket).
	Service
	// Federated is a web identity or SAML caller of sts:AssumeRoleWith*.
	Federated
)

// Caller is who makes a request. ARN is the principal ARN (the service
// name for a service, the provider for a federated caller).
type Caller struct {
	Kind    CallerKind
	ARN     string
	Account string
}

// Request is one call: the caller, the action, the resource ARN and the
// request context. Context keys are lower-cased; a key that is not in the
// map is absent from the request.
type Request struct {
	Caller   Caller
	Action   string
	Resource string
	Context  map[string][]string
}

// Evaluate decides one request against one policy: an explicit Deny wins,
// then an Allow; no matching statement is NotApplicable. Where unknown parts
// could change the answer it is Undecided.
func Evaluate(p *model.Policy, req Request) Decision {
	if p == nil || p.Unknown {
		return Undecided
	}
	allow, deny := No, No
	for _, s := range p.Statements {
		m := Matches(p.Kind, s, req)
		if m == No {
			continue
		}
		if !s.EffectKnown {
			// An unknown effect matching: either way.
			deny = or(deny, Unknown)
			allow = or(allow, Unknown)
			continue
		}
		if s.IsDeny() {
			deny = or(deny, m)
		} else if s.IsAllow() {
			allow = or(allow, m)
		}
	}
	switch {
	case deny == Yes:
		return Denied
	case deny == Unknown:
		return Undecided
	case allow == Yes:
		return Allowed
	case allow == Unknown:
		return Undecided
	}
	return NotApplicable
}

func or(a, b Tri) Tri {
	switch {
	case a == Yes || b == Yes:
		return Yes
	case a == Unknown || b == Unknown:
		return Unknown
	}
	return No
}

// Matches reports whether statement s of a policy of kind k applies to req:
// its principal, action, resource and every condition match.
func Matches(k model.PolicyKind, s *model.Statement, req Request) Tri {
	if s.Unknown {
		return Unknown
	}
	m := Yes
	if s.Principal != nil || s.NotPrincipal != nil {
		m = PrincipalMatches(s, req.Caller)
	}
	if m == No {
		return No
	}
	m = and(m, ActionMatches(s, req.Action))
	if m == No {
		return No
	}
	m = and(m, ResourceMatches(s, req.Resource))
	if m == No {
		return No
	}
	for _, c := range s.Conditions {
		m = and(m, ConditionHolds(c, req.Context))
		if m == No {
			return No
		}
	}
	return m
}

// ActionMatches reports whether the Action (or NotAction) element of s
// covers action; IAM compares actions case-insensitively.
func ActionMatches(s *model.Statement, action string) Tri {
	switch {
	case s.Action != nil:
		return anyElem(s.Action, func(t string) bool { return iamactions.GlobFold(strings.TrimSpace(t), action) })
	case s.NotAction != nil:
		return not(anyElem(s.NotAction, func(t string) bool { return iamactions.GlobFold(strings.TrimSpace(t), action) }))
	}
	return No
}

// ResourceMatches reports whether the Resource (or NotResource) element of
// s covers the resource ARN. A statement with neither (a trust policy)
// applies to the resource it is attached to. Patterns with policy variables
// are unknown.
func ResourceMatches(s *model.Statement, resource string) Tri {
	match := func(t string) Tri {
		t = strings.TrimSpace(t)
		if HasVariable(t) {
			return Unknown
		}
		return triOf(ARNMatch(t, resource))
	}
	switch {
	case s.Resource != nil:
		return anyElemTri(s.Resource, match)
	case s.NotResource != nil:
		return not(anyElemTri(s.NotResource, match))
	}
	return Yes
}

// ARNMatch matches a resource pattern against an ARN as the Resource
// element does: "*" matches anything; otherwise the pattern's wildcards
// match within the ARN, case-sensitively.
func ARNMatch(pattern, arn string) bool {
	if pattern == "*" {
		return true
	}
	return iamactions.Glob(pattern, arn)
}

// HasVariable reports whether a value holds a policy variable ("${aws:username}")
// or an unresolved template piece.
func HasVariable(s string) bool { return strings.Contains(s, "${") }

func anyElem(es []*model.Elem, pred func(string) bool) Tri {
	return anyElemTri(es, func(t string) Tri { return triOf(pred(t)) })
}

func anyElemTri(es []*model.Elem, f func(string) Tri) Tri {
	res := No
	for _, e := range es {
		if !e.Known {
			res = Unknown
			continue
		}
		switch f(e.Text) {
		case Yes:
			return Yes
		case Unknown:
			res = Unknown
		}
	}
	return res
}
