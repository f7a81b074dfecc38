package policyeval

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/iamactions"
)

// The all-pairs View the index replaced, kept as the reference the index
// must agree with.

// View answers questions about one policy. Its Deny statements are indexed
// by the service prefix of their actions so that an Allow is compared only
// with the Denies that can cover it.
type refView struct {
	p *model.Policy
	// byPrefix holds the unconditional Denies by lower-cased service
	// prefix; wild holds those whose actions span services ("*", "*:Get*",
	// NotAction).
	byPrefix map[string][]*model.Statement
	wild     []*model.Statement
}

// refNewView indexes the Deny statements of p.
func refNewView(p *model.Policy) *refView {
	v := &refView{p: p, byPrefix: map[string][]*model.Statement{}}
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
func (v *refView) refDenies(svc string) []*model.Statement {
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
func (v *refView) GrantsNothing(s *model.Statement) (bool, string) {
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
func (v *refView) ActionDenied(s *model.Statement, pattern string) bool {
	pattern = strings.TrimSpace(pattern)
	svc, _, _ := strings.Cut(strings.ToLower(pattern), ":")
	ds := v.refDenies(svc)
	if len(ds) == 0 {
		return false
	}
	var cands []*model.Statement
	for _, d := range ds {
		if d != s && refDenyCoversScope(d, s) {
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
func refDenyCoversScope(d, s *model.Statement) bool {
	if !refDenyCoversPrincipals(d, s) {
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
func refDenyCoversPrincipals(d, s *model.Statement) bool {
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

// TestViewAgreesWithAllPairs: on random policies mixing Action and
// NotAction, Resource and NotResource, principals, conditions, empty
// lists, unknown elements, case and wildcards in every part, the indexed
// View answers GrantsNothing and ActionDenied as the all-pairs one did.
func TestViewAgreesWithAllPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 4))
	actions := []string{"s3:GetObject", "s3:Get*", "s3:*", "S3:getobject", "*", "*:*", "iam:PassRole", "iam:*", "*Object", "s3:Put*", "ec2:*", "sqs:SendMessage", " s3:GetObject ", "s3:GetObjec?", "*:Get*", "s?:*", "kms:Decrypt", "s3", "s3:NoSuchAction", "IAM:pass*"}
	resources := []string{"*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/k", "arn:aws:s3:::*", "arn:aws:s3:::c*", "arn:aws:sqs:us-east-1:111122223333:q", "arn:aws:s3:::b/?", "arn:aws:s3:::B/k", "arn:aws:s3:::b", "", "arn:*"}
	principals := [][2]string{{"*", "*"}, {"AWS", "*"}, {"AWS", "111122223333"}, {"aws", "111122223333"}, {"AWS", "arn:aws:iam::111122223333:role/r"}, {"Service", "config.amazonaws.com"}, {"AWS", "444455556666"}, {"Service", "111122223333"}}
	elems := func(pool []string) []*model.Elem {
		n := rng.IntN(4)
		switch rng.IntN(8) {
		case 0:
			n = 0
		case 1:
			n = 9 + rng.IntN(6) // past smallList: the indexed lists
		}
		out := make([]*model.Elem, 0, n)
		for range n {
			e := &model.Elem{Text: pool[rng.IntN(len(pool))], Known: rng.IntN(12) != 0}
			out = append(out, e)
		}
		return out
	}
	prins := func() []*model.Principal {
		n := rng.IntN(3)
		switch rng.IntN(8) {
		case 0:
			n = 0
		case 1:
			n = 9 + rng.IntN(6)
		}
		out := make([]*model.Principal, 0, n)
		for range n {
			p := principals[rng.IntN(len(principals))]
			out = append(out, &model.Principal{Type: p[0], Value: &model.Elem{Text: p[1], Known: rng.IntN(12) != 0}})
		}
		return out
	}
	stmt := func() *model.Statement {
		s := &model.Statement{EffectKnown: rng.IntN(10) != 0, Unknown: rng.IntN(30) == 0}
		s.Effect = []string{"Allow", "Deny", "deny"}[rng.IntN(3)]
		switch rng.IntN(3) {
		case 0:
			s.NotAction = elems(actions)
		default:
			s.Action = elems(actions)
		}
		switch rng.IntN(4) {
		case 0:
			s.NotResource = elems(resources)
		case 1:
		default:
			s.Resource = elems(resources)
		}
		switch rng.IntN(5) {
		case 0:
			s.Principal = prins()
		case 1:
			s.NotPrincipal = prins()
		}
		if rng.IntN(6) == 0 {
			s.Conditions = []*model.Condition{{}}
		}
		return s
	}
	checked := 0
	for round := range 80 {
		p := &model.Policy{}
		for range 1 + rng.IntN(8) {
			p.Statements = append(p.Statements, stmt())
		}
		if round%2 == 0 {
			p.Kind = model.ResourcePolicy
		}
		got, want := NewView(p), refNewView(p)
		for i, s := range p.Statements {
			gn, gw := got.GrantsNothing(s)
			wn, ww := want.GrantsNothing(s)
			if gn != wn || gw != ww {
				t.Fatalf("round %d statement %d: GrantsNothing = %v %q, want %v %q\n%s", round, i, gn, gw, wn, ww, dump(p))
			}
			for _, a := range actions {
				if g, w := got.ActionDenied(s, a), want.ActionDenied(s, a); g != w {
					t.Fatalf("round %d statement %d: ActionDenied(%q) = %v, want %v\n%s", round, i, a, g, w, dump(p))
				}
				checked++
			}
		}
	}
	t.Logf("%d answers agree", checked)
}

func dump(p *model.Policy) string {
	var b strings.Builder
	el := func(es []*model.Elem) string {
		if es == nil {
			return "nil"
		}
		var parts []string
		for _, e := range es {
			parts = append(parts, fmt.Sprintf("%q/%v", e.Text, e.Known))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	pr := func(ps []*model.Principal) string {
		if ps == nil {
			return "nil"
		}
		var parts []string
		for _, p := range ps {
			parts = append(parts, fmt.Sprintf("%s=%q/%v", p.Type, p.Value.Text, p.Value.Known))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	for i, s := range p.Statements {
		fmt.Fprintf(&b, "%d: %s known=%v unknown=%v A=%s NA=%s R=%s NR=%s P=%s NP=%s cond=%d\n", i, s.Effect, s.EffectKnown, s.Unknown, el(s.Action), el(s.NotAction), el(s.Resource), el(s.NotResource), pr(s.Principal), pr(s.NotPrincipal), len(s.Conditions))
	}
	return b.String()
}

// TestPatternSetAgrees: an indexed list of resource patterns says whether
// one matches or overlaps a resource as comparing each pattern does.
func TestPatternSetAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2))
	pieces := []string{"arn:aws:s3:::", "b", "c", "/", "*", "?", "k", "arn:", "aws", ":", "B"}
	text := func() string {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for round := range 3000 {
		var es []*model.Elem
		for range smallList + 1 + rng.IntN(10) {
			es = append(es, &model.Elem{Text: text(), Known: true})
		}
		ps := newPatternSet(es)
		for range 20 {
			r := text()
			match, overlap := false, false
			for _, e := range es {
				match = match || iamactions.Glob(e.Text, r)
				overlap = overlap || iamactions.Glob(e.Text, r) || iamactions.Glob(r, e.Text)
			}
			if ps.matches(r) != match || ps.overlaps(r) != overlap {
				t.Fatalf("round %d: %q against %v: matches %v overlaps %v, want %v %v", round, r, ps.texts, ps.matches(r), ps.overlaps(r), match, overlap)
			}
		}
	}
}

// TestNotResourceDeniesAgree: many Denies of every action on everything but
// their NotResource patterns, against Allows on prefix globs ("arn:aws:s3:::*",
// which overlaps every pattern starting "arn:aws:s3:::") and literal ARNs:
// the View that skips the overlapping Denies at once answers as the
// all-pairs one.
func TestNotResourceDeniesAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 5))
	allows := []string{"*", "**", "arn:aws:s3:::*", "arn:aws:s3:::b*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/k", "arn:aws:s3:::b?", "arn:aws:s3:::b/*x", "arn:*", "arn:aws:s3:::c", ""}
	nots := []string{"arn:aws:s3:::b/k", "arn:aws:s3:::b", "arn:aws:s3:::c*", "arn:aws:s3:::b/*", "arn:aws:sqs:*", "*", "arn:aws:s3:::bb", "arn", "arn:aws:s3:::", "b"}
	elems := func(pool []string, n int) []*model.Elem {
		out := []*model.Elem{}
		for range n {
			out = append(out, &model.Elem{Text: pool[rng.IntN(len(pool))], Known: true})
		}
		return out
	}
	agree := 0
	for round := range 3000 {
		p := &model.Policy{}
		for range 1 + rng.IntN(12) {
			p.Statements = append(p.Statements, &model.Statement{Effect: "Deny", EffectKnown: true, Action: elems([]string{"*"}, 1), NotResource: elems(nots, rng.IntN(3))})
		}
		for range 1 + rng.IntN(3) {
			p.Statements = append(p.Statements, &model.Statement{Effect: "Allow", EffectKnown: true, Action: elems([]string{"s3:GetObject"}, 1), Resource: elems(allows, 1+rng.IntN(2))})
		}
		got, want := NewView(p), refNewView(p)
		for i, s := range p.Statements {
			if g, w := got.ActionDenied(s, "s3:GetObject"), want.ActionDenied(s, "s3:GetObject"); g != w {
				t.Fatalf("round %d statement %d: %v, want %v\n%s", round, i, g, w, dump(p))
			} else if g {
				agree++
			}
		}
	}
	t.Logf("%d refusals agree", agree)
}

// TestNearMissDeniesAgree: many Denies that pass the first filter of an
// index and are refused by a closer look (NotAction lists that exclude the
// action, NotResource lists that exclude an ARN, Action patterns that start
// as the action does), against Allows of actions and patterns on ARNs with
// and without wildcards: the View answers as the all-pairs one, whether
// the exclusion lists are read member by member or as heavy lists.
func TestNearMissDeniesAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 6))
	actions := []string{"s3:GetObject", "s3:Get*", "S3:GETOBJECT", "s3:PutObject", "s3:*", "*", "s3:Get*Tagging", "s3:GetObjec?", "sqs:SendMessage", " s3:GetObject", "iam:PassRole", "s3:GetObject*x"}
	resources := []string{"arn:aws:s3:::b/k", "arn:aws:s3:::b/*", "arn:aws:s3:::b", "arn:aws:s3:::c/k", "*", "arn:aws:s3:::b/?", "arn:aws:s3:::B/k", "", "arn:aws:s3:::b/k*", "arn:aws:s3:::b*k", "arn:aws:s3:::*/k", "arn:aws:s3:::b?k", "arn:aws:s3:::b*x", "arn:aws:s3:::b*/m1*k", "arn:aws:s3:::*b/k*"}
	pick := func(pool []string, n int) []*model.Elem {
		out := []*model.Elem{}
		for range n {
			out = append(out, &model.Elem{Text: pool[rng.IntN(len(pool))], Known: rng.IntN(20) != 0})
		}
		return out
	}
	checked, refused := 0, 0
	defer func(l, f int) { lightList, fewCandidates = l, f }(lightList, fewCandidates)
	for round := range 600 {
		// Lists read member by member, and through the memo of heavy
		// lists (every list, every list but those of one member).
		lightList = []int{64, 0, 1}[round%3]
		fewCandidates = []int{8, 0}[round/3%2] // and the pattern indexes' keys

		p := &model.Policy{}
		for range 9 + rng.IntN(24) {
			d := &model.Statement{Effect: "Deny", EffectKnown: true}
			if rng.IntN(2) == 0 {
				d.NotAction = pick(actions, 2+rng.IntN(4))
			} else {
				d.Action = pick(actions[6:], 1)
			}
			switch rng.IntN(8) {
			case 0:
			case 1, 2, 3:
				d.NotResource = pick(resources, 1+rng.IntN(4))
			default:
				d.Resource = pick(resources[2:], 1+rng.IntN(2))
			}
			p.Statements = append(p.Statements, d)
		}
		for range 1 + rng.IntN(4) {
			a := &model.Statement{Effect: "Allow", EffectKnown: true, Action: pick(actions, 1+rng.IntN(2)), Resource: pick(resources, 1+rng.IntN(2))}
			p.Statements = append(p.Statements, a)
		}
		c, r := deniedAgree(t, round, p, actions, func(s *model.Statement) bool { return s.IsDeny() && rng.IntN(4) != 0 })
		checked, refused = checked+c, refused+r
	}
	t.Logf("%d answers agree, %d refusals", checked, refused)
}

// deniedAgree compares NewView's ActionDenied with the reference view's
// on each action for the statements of p that skip does not leave out,
// and returns how many answers it compared and how many were refusals.
func deniedAgree(t *testing.T, round int, p *model.Policy, actions []string, skip func(*model.Statement) bool) (checked, refused int) {
	t.Helper()
	got, want := NewView(p), refNewView(p)
	for i, s := range p.Statements {
		if skip(s) {
			continue
		}
		for _, a := range actions {
			g, w := got.ActionDenied(s, a), want.ActionDenied(s, a)
			if g != w {
				t.Fatalf("round %d statement %d: ActionDenied(%q) = %v, want %v\n%s", round, i, a, g, w, dump(p))
			}
			checked++
			if g {
				refused++
			}
		}
	}
	return checked, refused
}
