package policycheck

import (
	"strings"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policyeval"
)

// callerKeys are the condition keys that narrow who may use an Allow to
// "*" down to known accounts, organizations, networks or services acting
// for them (research edge case 19): with a positive operator and a
// non-wildcard value, the statement is not public.
var callerKeys = map[string]bool{
	"aws:principalorgid": true, "aws:principalorgpaths": true,
	"aws:principalaccount": true, "aws:principalarn": true,
	"aws:userid": true, "aws:username": true,
	"aws:sourceaccount": true, "aws:sourcearn": true,
	"aws:sourceorgid": true, "aws:sourceorgpaths": true, "aws:sourceowner": true,
	"aws:sourcevpc": true, "aws:sourcevpce": true,
	"aws:sourceip": true, "aws:vpcsourceip": true,
	"kms:calleraccount":         true,
	"s3:dataaccesspointaccount": true, "s3:dataaccesspointarn": true,
}

// RestrictsCaller reports whether condition c of an Allow statement limits
// the callers of a statement granted to everyone: a caller key tested with
// a positive String, Arn or IpAddress operator, without IfExists or
// ForAllValues (both pass when the key is absent), whose known values are
// not wildcards ("*", "o-*", "0.0.0.0/0", an ARN with a wildcard account).
// A condition configward cannot read counts as restricting, and so does
// one that admits only AWS services (Bool aws:PrincipalIsAWSService true).
func RestrictsCaller(c *model.Condition) bool {
	if c.Unknown && c.KeyFolded == "" {
		return true
	}
	if policyeval.OnlyServices(c.Base, c.SetOp, c.IfExists, c.KeyFolded, knownTexts(c.Values)) {
		// Only AWS services acting for some resource: not the public.
		return true
	}
	if !callerKeys[c.KeyFolded] || c.IfExists || c.SetOp == "forallvalues" {
		return false
	}
	if !positiveOps[c.Base] && c.Base != "ipaddress" {
		return false
	}
	if len(c.Values) == 0 {
		return false
	}
	for _, v := range c.Values {
		if !v.Known {
			continue
		}
		if openCallerValue(c.KeyFolded, strings.TrimSpace(v.Text)) {
			return false
		}
	}
	return true
}

func openCallerValue(key, v string) bool {
	switch key {
	case "aws:sourceip", "aws:vpcsourceip":
		return v == "0.0.0.0/0" || v == "::/0" || onlyWildcards(v)
	case "aws:principalorgid", "aws:sourceorgid":
		return onlyWildcards(strings.TrimPrefix(v, "o-"))
	case "aws:principalorgpaths", "aws:sourceorgpaths":
		first, _, _ := strings.Cut(v, "/")
		return onlyWildcards(strings.TrimPrefix(first, "o-"))
	case "aws:principalarn", "aws:sourcearn", "s3:dataaccesspointarn":
		if onlyWildcards(v) {
			return true
		}
		if _, _, _, acct, res, ok := ARNParts(v); ok {
			if acct == "" {
				name, _, _ := strings.Cut(res, "/")
				return onlyWildcards(name)
			}
			return strings.ContainsAny(acct, "*?")
		}
		return strings.HasPrefix(v, "arn:") && strings.Contains(v, "*")
	}
	return onlyWildcards(v)
}

// PublicPrincipal returns the principal entry that makes an Allow
// statement apply to everyone: "*", {"AWS": "*"}, or the NotPrincipal
// element (an Allow with NotPrincipal admits everyone not listed). It
// returns nil when the statement names its principals, or when an unknown
// condition or a caller-restricting condition narrows it.
func PublicPrincipal(s *model.Statement) (pr *model.Principal, notPrincipal bool) {
	if s.Unknown || !s.IsAllow() {
		return nil, false
	}
	for _, p := range s.Principal {
		if p.IsWildcard() {
			pr = p
			break
		}
	}
	if pr == nil && s.NotPrincipal != nil && s.Principal == nil {
		if len(s.NotPrincipal) > 0 {
			pr, notPrincipal = s.NotPrincipal[0], true
		}
	}
	if pr == nil {
		return nil, false
	}
	for _, c := range s.Conditions {
		if RestrictsCaller(c) {
			return nil, false
		}
	}
	return pr, notPrincipal
}

// knownTexts returns the known values of a condition; nil when any value
// is unknown.
func knownTexts(es []*model.Elem) []string {
	out := make([]string, 0, len(es))
	for _, e := range es {
		if !e.Known {
			return nil
		}
		out = append(out, e.Text)
	}
	return out
}
