package policyeval

import (
	"strings"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/iamactions"
)

// The questions the policy rules ask of a statement set: does an Allow
// grant anything at all, and which of its actions survive the Denies of the
// same policy. A rule asks these instead of reading statement shapes.

// View answers questions about one policy. Its Deny statements are indexed
// by the service prefix of their actions so that an Allow is compared only
// with the Denies that can cover it.
type View struct {
	p *model.Policy
	// byPrefix holds the unconditional Denies by lower-cased service
	// prefix; wild holds those whose actions span services ("*", "*:Get*",
	// NotAction).
	byPrefix map[string][]*model.Statement
	wild     []*model.Statement
}

// NewView indexes the Deny statements of p.
func NewView(p *model.Policy) *View {
	v := &View{p: p, byPrefix: map[string][]*model.Statement{}}
	if p == nil {
		return v
	}
	for _, s := range p.Statements {
		if s.Unknown || !s.IsDeny() || len(s.Conditions) > 0 {
			// A conditional Deny refuses only some requests: the
			// Allow still grants under the other conditions.
			continue
		}
		if s.NotAction != nil || hasUnknownElem(s.Action) {
			v.wild = append(v.wild, s)
			continue
		}
		seen := map[string]bool{}
		for _, e := range s.Action {
			svc, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(e.Text)), ":")
			if strings.ContainsAny(svc, "*?") {
				v.wild = append(v.wild, s)
				seen = nil
				break
			}
			if !seen[svc] {
				seen[svc] = true
				v.byPrefix[svc] = append(v.byPrefix[svc], s)
			}
		}
	}
	return v
}

// denies returns the unconditional Denies that may cover actions of
// service svc (lower-case).
func (v *View) denies(svc string) []*model.Statement {
	if strings.ContainsAny(svc, "*?") {
		// An Allow pattern spanning services: every Deny may matter.
		var all []*model.Statement
		for _, ds := range v.byPrefix {
			all = append(all, ds...)
		}
		return append(all, v.wild...)
	}
	return append(append([]*model.Statement(nil), v.byPrefix[svc]...), v.wild...)
}

// GrantsNothing reports whether an Allow statement matches no request at
// all, and why: NotResource "*" (every resource excluded), NotAction "*", an
// empty Action or Resource list, or every action refused by an
// unconditional Deny of the same policy on the same resources.
func (v *View) GrantsNothing(s *model.Statement) (bool, string) {
	if s.Unknown || !s.IsAllow() {
		return false, ""
	}
	switch {
	case s.NotResource != nil && anyKnownText(s.NotResource, "*"):
		return true, `NotResource "*" excludes every resource`
	case s.NotAction != nil && anyKnownText(s.NotAction, "*"):
		return true, `NotAction "*" excludes every action`
	case s.Action != nil && len(s.Action) == 0:
		return true, "its Action list is empty"
	case s.Resource != nil && len(s.Resource) == 0:
		return true, "its Resource list is empty"
	}
	if s.Action == nil || hasUnknownElem(s.Action) {
		return false, ""
	}
	for _, e := range s.Action {
		if !v.ActionDenied(s, e.Text) {
			return false, ""
		}
	}
	return true, "a Deny of the same policy refuses all of its actions on its resources"
}

// ActionDenied reports whether an unconditional Deny of the policy refuses
// everything the action pattern of the Allow statement s grants, on every
// resource and principal s names. A pattern is refused when a Deny pattern
// covers it as text ("s3:*" covers "s3:Get*") or when every catalog action
// it expands to is refused.
func (v *View) ActionDenied(s *model.Statement, pattern string) bool {
	pattern = strings.TrimSpace(pattern)
	svc, _, _ := strings.Cut(strings.ToLower(pattern), ":")
	ds := v.denies(svc)
	if len(ds) == 0 {
		return false
	}
	var cands []*model.Statement
	for _, d := range ds {
		if d != s && denyCoversScope(d, s) {
			cands = append(cands, d)
		}
	}
	if len(cands) == 0 {
		return false
	}
	covers := func(action string) bool {
		for _, d := range cands {
			if ActionMatches(d, action) == Yes {
				return true
			}
		}
		return false
	}
	if covers(pattern) && !strings.ContainsAny(pattern, "*?") {
		return true
	}
	// A pattern is covered by a Deny pattern that matches it as text, or
	// when each catalog action it stands for is covered.
	for _, d := range cands {
		if d.Action != nil && anyElem(d.Action, func(t string) bool { return iamactions.GlobFold(strings.TrimSpace(t), pattern) }) == Yes {
			return true
		}
	}
	if pattern == "*" || pattern == "*:*" {
		return false
	}
	acts := iamactions.Expand(pattern)
	if len(acts) == 0 {
		return false
	}
	for _, a := range acts {
		if !covers(a.FullName) {
			return false
		}
	}
	return true
}

// denyCoversScope reports whether Deny d applies to every resource and
// principal that Allow s names.
func denyCoversScope(d, s *model.Statement) bool {
	if !denyCoversPrincipals(d, s) {
		return false
	}
	switch {
	case d.Resource == nil && d.NotResource == nil:
		return true
	case hasUnknownElem(d.Resource) || hasUnknownElem(d.NotResource):
		return false
	case d.NotResource != nil:
		// Deny on everything but X covers the Allow when none of its
		// resources can fall in X.
		if s.Resource == nil || hasUnknownElem(s.Resource) {
			return false
		}
		for _, r := range s.Resource {
			for _, x := range d.NotResource {
				if iamactions.Glob(x.Text, r.Text) || iamactions.Glob(r.Text, x.Text) {
					return false
				}
			}
		}
		return true
	}
	if anyKnownText(d.Resource, "*") {
		return true
	}
	if s.Resource == nil || hasUnknownElem(s.Resource) {
		return false
	}
	for _, r := range s.Resource {
		if anyElem(d.Resource, func(t string) bool { return ARNMatch(t, r.Text) }) != Yes {
			return false
		}
	}
	return true
}

// denyCoversPrincipals: identity policies have no principals; in a
// resource policy the Deny must name everyone or every principal the Allow
// names.
func denyCoversPrincipals(d, s *model.Statement) bool {
	if d.Principal == nil && d.NotPrincipal == nil {
		return true
	}
	if d.NotPrincipal != nil {
		return false
	}
	for _, p := range d.Principal {
		if p.IsWildcard() {
			return true
		}
	}
	if s.Principal == nil {
		return false
	}
	for _, ap := range s.Principal {
		if ap.Value == nil || !ap.Value.Known {
			return false
		}
		found := false
		for _, p := range d.Principal {
			if p.Value != nil && p.Value.Known && strings.EqualFold(p.Type, ap.Type) && p.Value.Text == ap.Value.Text {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func anyKnownText(es []*model.Elem, text string) bool {
	for _, e := range es {
		if e.Known && strings.TrimSpace(e.Text) == text {
			return true
		}
	}
	return false
}

func hasUnknownElem(es []*model.Elem) bool {
	for _, e := range es {
		if !e.Known {
			return true
		}
	}
	return false
}

// Grants reports whether the Allow statement s grants action (a concrete
// action name) on some resource for some request: the Action element
// covers it (NotAction is a complement), the statement grants anything, and
// no unconditional Deny of the policy refuses it.
func (v *View) Grants(s *model.Statement, action string) Tri {
	if s.Unknown {
		return Unknown
	}
	if !s.IsAllow() {
		return No
	}
	if nothing, _ := v.GrantsNothing(s); nothing {
		return No
	}
	m := ActionMatches(s, action)
	if m == No {
		return No
	}
	if v.ActionDenied(s, action) {
		return No
	}
	return m
}
