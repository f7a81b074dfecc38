package policycheck

import (
	"math/rand/v2"
	"testing"

	"github.com/configward/configward/parsers/model"
)

// The all-pairs search for a scoping Deny that Scopes replaced, kept as
// the reference the index must agree with.

// denyCovers reports whether a Deny statement of p refuses principal the
// actions of allow whenever the source is not the expected one: it names the
// principal (or everyone), covers every action and resource of allow, and
// its conditions are negated source-key tests with non-wildcard values.
func refDenyCovers(p *model.Policy, allow *model.Statement, principal string) bool {
	for _, d := range p.Statements {
		if d == allow || d.Unknown || !d.IsDeny() {
			continue
		}
		if !denyNamesPrincipal(d, principal) || !denyCoversActions(d, allow) || !denyCoversResources(d, allow) {
			continue
		}
		hasSource := false
		ok := true
		for _, c := range d.Conditions {
			switch {
			case c.Unknown && c.KeyFolded == "":
				hasSource = true // unknown: may be the scoping Deny
			case IsSourceKey(c.KeyFolded) && negatedOps[c.Base] && c.SetOp == "" && len(c.Values) > 0 && !anyWildcard(c):
				hasSource = true
			default:
				// Another condition narrows the Deny: it no longer
				// refuses every foreign source.
				ok = false
			}
		}
		if ok && hasSource {
			return true
		}
	}
	return false
}

// TestScopesAgreeWithAllPairs: on random policies of Allows and Denies
// naming service principals, everyone, unknown principals or NotPrincipal,
// with source-key and other conditions, Scopes finds a scoping Deny exactly
// when searching every statement did.
func TestScopesAgreeWithAllPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 3))
	services := []string{"config.amazonaws.com", "CONFIG.amazonaws.com", "s3.amazonaws.com", "config.amazonaws.com.cn", "logs.us-east-1.amazonaws.com"}
	prin := func() []*model.Principal {
		var out []*model.Principal
		for range rng.IntN(3) {
			switch rng.IntN(6) {
			case 0:
				out = append(out, &model.Principal{Type: "*", Value: &model.Elem{Text: "*", Known: true}})
			case 1:
				out = append(out, &model.Principal{Type: "AWS", Value: &model.Elem{Text: "111122223333", Known: rng.IntN(3) != 0}})
			default:
				out = append(out, &model.Principal{Type: "Service", Value: &model.Elem{Text: services[rng.IntN(len(services))], Known: rng.IntN(10) != 0}})
			}
		}
		return out
	}
	elems := func(pool ...string) []*model.Elem {
		var out []*model.Elem
		for range 1 + rng.IntN(2) {
			out = append(out, &model.Elem{Text: pool[rng.IntN(len(pool))], Known: rng.IntN(10) != 0})
		}
		return out
	}
	cond := func() *model.Condition {
		c := &model.Condition{Base: []string{"stringnotequals", "arnnotlike", "stringequals", "bool"}[rng.IntN(4)],
			KeyFolded: []string{KeySourceAccount, KeySourceArn, "aws:securetransport"}[rng.IntN(3)],
			Values:    elems("111122223333", "*", "arn:aws:config:*:111122223333:*", "arn:aws:*")}
		c.Unknown = rng.IntN(10) == 0
		if c.Unknown && rng.IntN(2) == 0 {
			c.KeyFolded = ""
		}
		return c
	}
	for round := range 3000 {
		p := &model.Policy{Kind: model.TrustPolicy}
		for range 1 + rng.IntN(6) {
			s := &model.Statement{EffectKnown: true, Effect: []string{"Allow", "Deny"}[rng.IntN(2)], Unknown: rng.IntN(20) == 0}
			if rng.IntN(4) == 0 {
				s.NotPrincipal = prin()
			} else {
				s.Principal = prin()
			}
			if rng.IntN(4) == 0 {
				s.NotAction = elems("sts:AssumeRole", "s3:*")
			} else {
				s.Action = elems("sts:AssumeRole", "sts:*", "*", "s3:PutObject")
			}
			if rng.IntN(3) == 0 {
				s.Resource = elems("*", "arn:aws:s3:::b/*")
			}
			for range rng.IntN(3) {
				s.Conditions = append(s.Conditions, cond())
			}
			p.Statements = append(p.Statements, s)
		}
		scopes := NewScopes(p)
		for i, s := range p.Statements {
			for _, svc := range services {
				if got, want := scopes.denyCovers(s, svc), refDenyCovers(p, s, svc); got != want {
					t.Fatalf("round %d statement %d principal %s: %v, want %v", round, i, svc, got, want)
				}
			}
		}
	}
}
