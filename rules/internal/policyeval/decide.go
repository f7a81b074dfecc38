package policyeval

import "github.com/configward/configward/parsers/model"

// Inputs are the policies AWS consults for one request.
type Inputs struct {
	// Identity policies of the caller (none for a service or an
	// anonymous caller).
	Identity []*model.Policy
	// Resource is the resource's policy: a bucket, queue, topic or key
	// policy, a function permission, or a role's trust policy.
	Resource *model.Policy
	// Endpoint policies of the VPC endpoint the request passes: they only
	// narrow, never grant.
	Endpoint []*model.Policy
	// SCP are the service control policies of the caller's account: each
	// must allow. RCP are the resource control policies of the resource's
	// account: AWS attaches RCPFullAWSAccess everywhere, so they only deny.
	SCP, RCP []*model.Policy
	// ResourceAccount owns the resource.
	ResourceAccount string
	// KeyPolicy is set when Resource is a KMS key policy, which must
	// allow even callers of the key's own account.
	KeyPolicy bool
}

// Decide evaluates a request in AWS's order: an explicit Deny in any policy
// wins; then every SCP (for an identity of the organization), RCP and
// endpoint policy must allow; then the identity or the resource policy
// grants, the resource policy alone only when it names the caller itself
// (a same-account grant to the account root delegates to identity
// policies), and both for a caller from another account.
func Decide(in Inputs, req Request) Decision {
	undecided := false
	var all []*model.Policy
	all = append(all, in.Identity...)
	all = append(all, in.Endpoint...)
	all = append(all, in.SCP...)
	all = append(all, in.RCP...)
	if in.Resource != nil {
		all = append(all, in.Resource)
	}
	for _, p := range all {
		switch Evaluate(p, req) {
		case Denied:
			return Denied
		case Undecided:
			undecided = true
		}
	}
	gate := func(ps []*model.Policy) Decision {
		for _, p := range ps {
			switch Evaluate(p, req) {
			case NotApplicable:
				return NotApplicable
			case Undecided:
				undecided = true
			}
		}
		return Allowed
	}
	identityCaller := req.Caller.Kind != Anonymous && req.Caller.Kind != Service
	if identityCaller && gate(in.SCP) == NotApplicable {
		return orUndecided(undecided)
	}
	if gate(in.Endpoint) == NotApplicable {
		return orUndecided(undecided)
	}
	identity := NotApplicable
	for _, p := range in.Identity {
		switch Evaluate(p, req) {
		case Allowed:
			identity = Allowed
		case Undecided:
			if identity != Allowed {
				identity = Undecided
			}
		}
	}
	resource, direct := NotApplicable, No
	if in.Resource != nil {
		resource, direct = evaluateGrant(in.Resource, req)
	}
	sameAccount := identityCaller && req.Caller.Account == in.ResourceAccount
	var d Decision
	switch {
	case !identityCaller:
		d = resource
	case sameAccount && in.Resource != nil && (in.Resource.Kind == model.TrustPolicy || in.KeyPolicy):
		// A role's trust policy and a key policy must allow even in
		// the same account; naming the account delegates to identity
		// policies.
		d = both(resource, direct, identity)
	case sameAccount:
		d = either(identity, resource, direct)
	default:
		d = bothCross(resource, identity)
	}
	if d == Undecided || (d == NotApplicable && undecided) {
		return Undecided
	}
	return d
}

func orUndecided(u bool) Decision {
	if u {
		return Undecided
	}
	return NotApplicable
}

// either: same account, where the identity policy or a resource policy
// naming the caller itself is enough.
func either(identity, resource Decision, direct Tri) Decision {
	switch {
	case identity == Allowed || (resource == Allowed && direct == Yes):
		return Allowed
	case identity == Undecided || resource == Undecided || (resource == Allowed && direct == Unknown):
		return Undecided
	}
	return NotApplicable
}

// both: the resource policy must allow; when it names the caller only
// through its account, the identity policy must allow too.
func both(resource Decision, direct Tri, identity Decision) Decision {
	switch resource {
	case Allowed:
		if direct == Yes {
			return Allowed
		}
		if direct == Unknown {
			return Undecided
		}
		return identity
	case Undecided:
		return Undecided
	}
	return NotApplicable
}

func bothCross(resource, identity Decision) Decision {
	switch {
	case resource == Allowed && identity == Allowed:
		return Allowed
	case resource == NotApplicable || identity == NotApplicable:
		return NotApplicable
	}
	return Undecided
}

// evaluateGrant evaluates a resource policy and says whether an Allow that
// matches names the caller itself (its ARN, its role, "*", its service)
// rather than only its account.
func evaluateGrant(p *model.Policy, req Request) (Decision, Tri) {
	d := Evaluate(p, req)
	if d != Allowed {
		return d, No
	}
	direct := No
	for _, s := range p.Statements {
		if !s.IsAllow() || Matches(p.Kind, s, req) != Yes {
			continue
		}
		direct = or(direct, namesDirectly(s, req.Caller))
	}
	return d, direct
}

func namesDirectly(s *model.Statement, c Caller) Tri {
	if s.Principal == nil {
		return Yes // NotPrincipal: everyone else, directly
	}
	res := No
	for _, p := range s.Principal {
		if principalNames(p, c) != Yes {
			continue
		}
		if p.Value != nil && p.Value.Known {
			if _, isAccount := AccountPrincipal(p.Value.Text); isAccount && p.Type != "*" {
				continue
			}
		}
		res = Yes
	}
	return res
}
