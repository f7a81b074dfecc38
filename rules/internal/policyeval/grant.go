package policyeval

import (
	"slices"
	"sort"
	"strings"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/iamactions"
)

// The questions the policy rules ask of a statement set: does an Allow
// grant anything at all, and which of its actions survive the Denies of the
// same policy. A rule asks these instead of reading statement shapes.

// View answers questions about one policy. Its unconditional Denies are
// indexed once, on first use, so that an Allow is compared only with the
// Denies that can overlap it: by the literal prefix of their actions, and
// by the principal or the literal prefix of the resources they name.
type View struct {
	p     *model.Policy
	built bool
	// denies are the policy's unconditional Deny statements that can
	// refuse something (not NotPrincipal, no unknown resource).
	denies []*model.Statement
	// actions finds the Denies with an Action element whose literal
	// prefix (folded) starts an action text; notAction lists those with
	// a NotAction element, which may refuse any action.
	actions   patternIndex
	notAction []int32
	// notActions indexes the NotAction lists, so that an action finds
	// the Denies that do not exclude it without visiting those that do;
	// actionsOf memoizes, per action text, the Denies with an Action
	// pattern matching it (actionsHeld counts what it holds).
	notActions  *exclusionIndex // built on first use
	actionsOf   map[string][]int32
	actionsHeld int
	seen        []uint32
	epoch       uint32
	// Where a Deny applies: byPrincipal holds the Denies that name
	// principals (none "*") by each principal's text, principalDenies
	// all of them; resources holds the others with a Resource list by
	// each pattern's literal prefix, resourceDenies all of them;
	// notResource holds the others with a NotResource list by each of its
	// patterns, in order (an Allow on "arn:aws:s3:::*" overlaps all those
	// that start "arn:aws:s3:::", and so skips them at once); open holds
	// the rest (no Resource, Resource "*", an empty NotResource).
	byPrincipal     map[string][]int32
	principalDenies []int32
	// (a patternIndex: by literal prefix, suffix or key, so that Denies
	// whose patterns start and end as an Allow's resource does but hold
	// something else are not visited).
	resources      patternIndex
	resourceDenies []int32
	notResource    []notResourceEntry
	// notResourceDenies are the Denies of notResource, once each: those
	// walked when no entry is left out (a Deny's list may be long).
	notResourceDenies []int32
	open              []int32
	// notResources indexes the same NotResource lists by pattern, for an
	// Allow on ARNs without wildcards: the Denies left are those that
	// exclude none of them (valid for the Allow nrFor).
	notResources *exclusionIndex // built on first use
	nrFor        *model.Statement
	nrExact      bool
	nrLeft       int
	// memos: whether Deny i applies wherever the Allow scopeOf does (for
	// the last Allow asked about, so that it takes memory for one Allow
	// only), and what an Allow grants at all.
	scopeOf *model.Statement
	// per Deny, its answer for scopeOf when scopeMark is scopeEpoch (no
	// map made per Allow)
	scopeMark  []uint32
	scopeEpoch uint32
	scope      []bool
	nothing    map[*model.Statement]nothingAnswer
	expanded   map[string][]*iamactions.Action
	// indexes of one Deny's long lists; short holds the short list
	// patterns last read
	patternsOf   map[*model.Statement]*patternSet
	short        patternSet
	principalsOf map[*model.Statement]map[string][]*model.Principal
	// tried counts the Denies compared with an Allow (see work).
	tried int
	// What each Deny's lists hold, read once (a Deny's list may be
	// long, and is compared with every Allow): Resource "*", Principal
	// "*"; and whether the Allow scopeOf names unknown resources.
	resourceStar, principalStar []bool
	scopeUnknown                bool
	// For the Allow scopeOf: the indexes of its resources that a Deny's
	// Resource list did not match, most recent first (a Deny is tried on
	// them before the others, so that many Denies refused by the same
	// resource late in a long list cost one comparison each, not one per
	// resource); and its Resource list indexed, when long, for the
	// Denies with a shorter NotResource list (each of their patterns is
	// looked up in it, not compared with every resource).
	scopeMisses []int
	scopeSet    *patternSet
	scopeWork   int // the work of the scopeSets dropped (see work)
	// Per Allow with a long Resource list, its resources in order of
	// their texts (made on first use, kept: rules ask about one Allow,
	// then others, then it again): a pattern's literal prefix is a range
	// of them (see coversByRanges).
	orderOf   map[*model.Statement]*resourceOrder
	spans     []span
	rangeWork int // texts compared and tree nodes read by coversByRanges (see work)
	// The resource of the Allow resFor that the fewest Resource Denies'
	// patterns may match: where eachInScope looks them up.
	resFor    *model.Statement
	resRarest string
}

type notResourceEntry struct {
	text string
	deny int32
}

type nothingAnswer struct {
	nothing bool
	why     string
}

// NewView returns the view of p; its index is built on first use.
func NewView(p *model.Policy) *View {
	return &View{p: p}
}

func (v *View) build() {
	if v.built {
		return
	}
	v.built = true
	v.byPrincipal = map[string][]int32{}
	v.nothing = map[*model.Statement]nothingAnswer{}
	v.expanded = map[string][]*iamactions.Action{}
	v.patternsOf = map[*model.Statement]*patternSet{}
	v.principalsOf = map[*model.Statement]map[string][]*model.Principal{}
	v.actionsOf = map[string][]int32{}
	v.actions.fold = true
	defer func() { v.seen = make([]uint32, len(v.denies)) }()
	if v.p == nil {
		return
	}
	// denies and its flags are made at the number of Deny statements:
	// grown by appends, a long list is copied, and left as garbage, many
	// times over.
	nd, nact, nres, nnot := 0, 0, 0, 0
	for _, d := range v.p.Statements {
		if d.IsDeny() {
			nd, nact, nres, nnot = nd+1, nact+len(d.Action), nres+len(d.Resource), nnot+len(d.NotResource)
		}
	}
	v.actions.grow(nact)
	v.denies = make([]*model.Statement, 0, nd)
	v.resourceStar, v.principalStar = make([]bool, 0, nd), make([]bool, 0, nd)
	v.notResource = make([]notResourceEntry, 0, nnot)
	v.resources.grow(nres)
	for _, d := range v.p.Statements {
		if d.Unknown || !d.IsDeny() || len(d.Conditions) > 0 {
			// A conditional Deny refuses only some requests: the
			// Allow still grants under the other conditions.
			continue
		}
		if d.NotPrincipal != nil || hasUnknownElem(d.Resource) || hasUnknownElem(d.NotResource) {
			continue // denyCoversScope is false for every Allow
		}
		i := int32(len(v.denies))
		v.denies = append(v.denies, d)
		v.resourceStar = append(v.resourceStar, anyKnownText(d.Resource, "*"))
		v.principalStar = append(v.principalStar, anyWildcardPrincipal(d.Principal))
		for _, e := range d.Action {
			if e.Known {
				v.actions.add(strings.TrimSpace(e.Text), i)
			}
		}
		if d.NotAction != nil {
			v.notAction = append(v.notAction, i)
		}
		switch {
		case d.Principal != nil && !v.principalStar[i]:
			v.principalDenies = append(v.principalDenies, i)
			seen := map[string]bool{}
			for _, p := range d.Principal {
				if p.Value != nil && p.Value.Known && !seen[p.Value.Text] {
					seen[p.Value.Text] = true
					v.byPrincipal[p.Value.Text] = append(v.byPrincipal[p.Value.Text], i)
				}
			}
		case d.NotResource == nil && d.Resource != nil && !v.resourceStar[i]:
			v.resourceDenies = append(v.resourceDenies, i)
			for _, e := range d.Resource {
				v.resources.add(e.Text, i)
			}
		case len(d.NotResource) > 0:
			for _, e := range d.NotResource {
				v.notResource = append(v.notResource, notResourceEntry{e.Text, i})
			}
			v.notResourceDenies = append(v.notResourceDenies, i)
		default:
			v.open = append(v.open, i)
		}
	}
	slices.SortFunc(v.notResource, func(a, b notResourceEntry) int { return strings.Compare(a.text, b.text) })
}

// notActionIndex indexes the NotAction lists of the Denies, on first use.
func (v *View) notActionIndex() *exclusionIndex {
	if v.notActions == nil {
		x := &exclusionIndex{fold: true}
		n := 0
		for _, i := range v.notAction {
			n += len(v.denies[i].NotAction)
		}
		x.grow(n)
		for _, i := range v.notAction {
			x.member(i)
			for _, e := range v.denies[i].NotAction {
				if e.Known {
					x.add(strings.TrimSpace(e.Text), i)
				}
			}
		}
		x.finish()
		v.notActions = x
	}
	return v.notActions
}

// notResourceIndex indexes the patterns of notResource, on first use.
func (v *View) notResourceIndex() *exclusionIndex {
	if v.notResources == nil {
		// Deny by Deny (notResource is in text order), so that the
		// members come in order and finish needs no sort.
		x := &exclusionIndex{}
		x.grow(len(v.notResource))
		for _, i := range v.notResourceDenies {
			for _, e := range v.denies[i].NotResource {
				x.add(e.Text, i)
			}
		}
		x.finish()
		v.notResources = x
	}
	return v.notResources
}

// notResourceCands returns the part of notResource whose Denies may cover
// every resource of s, as the ranges [0, lo) and [hi, len): none when s
// names no known resources (a NotResource Deny never covers it); when s
// has a resource that is a literal prefix followed by stars only, which
// overlaps every pattern that starts with that prefix, all but those.
func (v *View) notResourceCands(s *model.Statement) (lo, hi int) {
	n := len(v.notResource)
	if s.Resource == nil || hasUnknownElem(s.Resource) {
		return 0, n
	}
	best, found := "", false
	for _, r := range s.Resource {
		lit := literalPrefix(r.Text)
		if rest := r.Text[len(lit):]; rest != "" && strings.Trim(rest, "*") == "" && (!found || len(lit) < len(best)) {
			best, found = lit, true
		}
	}
	if !found {
		return n, n
	}
	lo, _ = slices.BinarySearchFunc(v.notResource, best, func(e notResourceEntry, t string) int { return strings.Compare(e.text, t) })
	// Those starting with best come first from lo on.
	hi = lo + sort.Search(n-lo, func(k int) bool { return !strings.HasPrefix(v.notResource[lo+k].text, best) })
	return lo, hi
}

func anyWildcardPrincipal(ps []*model.Principal) bool {
	for _, p := range ps {
		if p.IsWildcard() {
			return true
		}
	}
	return false
}

// literalSuffix is a pattern's text after its last wildcard: a text the
// pattern matches ends with it.
func literalSuffix(pattern string) string {
	return pattern[strings.LastIndexAny(pattern, "*?")+1:]
}

func reversed(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	writeReversed(&b, s)
	return b.String()
}

// writeReversed writes s's bytes to b last first.
func writeReversed(b *strings.Builder, s string) {
	for i := len(s) - 1; i >= 0; i-- {
		b.WriteByte(s[i])
	}
}

// literalPrefix is a pattern's text before its first wildcard: a text the
// pattern matches starts with it.
func literalPrefix(pattern string) string {
	if i := strings.IndexAny(pattern, "*?"); i >= 0 {
		return pattern[:i]
	}
	return pattern
}

// covering calls f for the Denies that may refuse, on every resource and
// principal of Allow s, an action whose text is action (byAction: the
// Denies with an Action element whose literal prefix starts it; withNot:
// and those with NotAction), until f returns true. It walks whichever of
// the two indexes (by action, by scope) holds fewer Denies, and checks the
// other side exactly in f's caller.
func (v *View) covering(s *model.Statement, action string, withNot bool, f func(d *model.Statement) bool) bool {
	v.build()
	if len(v.denies) == 0 {
		return false
	}
	nAction := v.actions.size(action)
	if withNot {
		// Only the NotAction Denies that do not exclude action.
		nAction += v.notActionIndex().notExcluding(action)
	}
	try := func(i int32) bool {
		v.tried++
		d := v.denies[i]
		return d != s && v.coversScope(s, i) && f(d)
	}
	if nAction <= v.scopeSize(s) {
		for _, i := range v.actionDenies(action) {
			if try(i) {
				return true
			}
		}
		return withNot && v.notActions.eachLeft(try)
	}
	return v.eachInScope(s, try)
}

// actionDenies returns the Denies with an Action pattern that matches
// text (as GlobFold does: the pattern covers an action, or an Allow's
// pattern as text), memoized per text: Denies whose patterns start as
// text does but match something else are compared once, not once per
// Allow. The memo is dropped when it holds more than maxActionsHeld.
func (v *View) actionDenies(text string) []int32 {
	if ds, ok := v.actionsOf[text]; ok {
		return ds
	}
	v.epoch++
	var ds []int32
	v.actions.walk(text, func(i int32) bool {
		if v.seen[i] != v.epoch && anyElem(v.denies[i].Action, func(t string) bool { return iamactions.GlobFold(strings.TrimSpace(t), text) }) == Yes {
			v.seen[i] = v.epoch
			ds = append(ds, i)
		}
		return false
	})
	if v.actionsHeld += len(ds) + 1; v.actionsHeld > maxActionsHeld {
		clear(v.actionsOf)
		v.actionsHeld = len(ds) + 1
	}
	v.actionsOf[text] = ds
	return ds
}

const maxActionsHeld = 1 << 20

// principalCands returns the Denies naming principals that may cover every
// principal of s.
func (v *View) principalCands(s *model.Statement) []int32 {
	switch {
	case s.Principal == nil:
		return nil
	case len(s.Principal) == 0:
		return v.principalDenies
	}
	ap := s.Principal[0]
	if ap.Value == nil || !ap.Value.Known {
		return nil
	}
	return v.byPrincipal[ap.Value.Text]
}

// resourceCands says which Denies with a Resource list may cover every
// resource of s: all of them (an empty list), those whose patterns may
// match the resource of s that fewest may match (first), or none.
func (v *View) resourceCands(s *model.Statement) (all bool, first string, ok bool) {
	switch {
	case s.Resource == nil || hasUnknownElem(s.Resource):
		return false, "", false
	case len(s.Resource) == 0:
		return true, "", true
	}
	if v.resFor != s {
		// Every resource must be matched: the one fewest patterns may
		// match decides the Denies to try.
		v.resFor, v.resRarest = s, s.Resource[0].Text
		if len(s.Resource) > 1 {
			least := v.resources.size(v.resRarest)
			for _, r := range s.Resource[1:] {
				if least == 0 {
					break
				}
				if n := v.resources.size(r.Text); n < least {
					v.resRarest, least = r.Text, n
				}
			}
		}
	}
	return false, v.resRarest, true
}

// notResourceExact reports whether every resource of s is an ARN without
// wildcards; then the NotResource Denies that may cover s are those left
// in v.notResources (n of them): the ones whose patterns match none.
func (v *View) notResourceExact(s *model.Statement) (ok bool, n int) {
	if v.nrFor == s {
		return v.nrExact, v.nrLeft
	}
	v.nrFor, v.nrExact, v.nrLeft = s, false, 0
	if len(s.Resource) == 0 || hasUnknownElem(s.Resource) || len(v.notResource) <= smallList {
		return false, 0
	}
	texts := make([]string, len(s.Resource))
	for i, r := range s.Resource {
		if strings.ContainsAny(r.Text, "*?") {
			return false, 0
		}
		texts[i] = r.Text
	}
	v.nrExact, v.nrLeft = true, v.notResourceIndex().notExcluding(texts...)
	return true, v.nrLeft
}

func (v *View) scopeSize(s *model.Statement) int {
	n := len(v.principalCands(s)) + len(v.open)
	if exact, left := v.notResourceExact(s); exact {
		n += left
	} else if lo, hi := v.notResourceCands(s); lo == hi {
		n += len(v.notResourceDenies)
	} else {
		n += len(v.notResource) - (hi - lo)
	}
	if all, first, ok := v.resourceCands(s); all {
		n += len(v.resourceDenies)
	} else if ok {
		n += v.resources.size(first)
	}
	return n
}

func (v *View) eachInScope(s *model.Statement, f func(int32) bool) bool {
	for _, i := range v.principalCands(s) {
		if f(i) {
			return true
		}
	}
	if all, first, ok := v.resourceCands(s); all {
		for _, i := range v.resourceDenies {
			if f(i) {
				return true
			}
		}
	} else if ok && v.resources.walk(first, f) {
		return true
	}
	for _, i := range v.open {
		if f(i) {
			return true
		}
	}
	if exact, _ := v.notResourceExact(s); exact {
		return v.notResources.eachLeft(f)
	}
	lo, hi := v.notResourceCands(s)
	if lo == hi {
		for _, i := range v.notResourceDenies {
			if f(i) {
				return true
			}
		}
		return false
	}
	for _, e := range v.notResource[:lo] {
		if f(e.deny) {
			return true
		}
	}
	for _, e := range v.notResource[hi:] {
		if f(e.deny) {
			return true
		}
	}
	return false
}

func (v *View) coversScope(s *model.Statement, i int32) bool {
	if v.scopeOf != s {
		if v.scope == nil {
			v.scope, v.scopeMark = make([]bool, len(v.denies)), make([]uint32, len(v.denies))
		}
		v.scopeOf = s
		v.scopeEpoch++
		v.scopeUnknown = s.Resource == nil || hasUnknownElem(s.Resource)
		if v.scopeSet != nil {
			v.scopeWork += v.scopeSet.visited + v.scopeSet.index.work()
		}
		v.scopeMisses, v.scopeSet = v.scopeMisses[:0], nil
	}
	ok, done := v.scope[i], v.scopeMark[i] == v.scopeEpoch
	if !done {
		v.scopeMark[i] = v.scopeEpoch
		ok = v.denyCoversScope(i, s)
		v.scope[i] = ok
	}
	return ok
}

// GrantsNothing reports whether an Allow statement matches no request at
// all, and why: NotResource "*" (every resource excluded), NotAction "*", an
// empty Action or Resource list, or every action refused by an
// unconditional Deny of the same policy on the same resources.
func (v *View) GrantsNothing(s *model.Statement) (bool, string) {
	v.build()
	if a, ok := v.nothing[s]; ok {
		return a.nothing, a.why
	}
	nothing, why := v.grantsNothing(s)
	v.nothing[s] = nothingAnswer{nothing, why}
	return nothing, why
}

func (v *View) grantsNothing(s *model.Statement) (bool, string) {
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
	v.build()
	if len(v.denies) == 0 {
		return false
	}
	pattern = strings.TrimSpace(pattern)
	covers := func(action string) bool {
		return v.covering(s, action, true, func(d *model.Statement) bool { return ActionMatches(d, action) == Yes })
	}
	wild := strings.ContainsAny(pattern, "*?")
	if !wild && covers(pattern) {
		return true
	}
	// A pattern is covered by a Deny pattern that matches it as text, or
	// when each catalog action it stands for is covered.
	if v.covering(s, pattern, false, func(d *model.Statement) bool {
		return d.Action != nil && anyElem(d.Action, func(t string) bool { return iamactions.GlobFold(strings.TrimSpace(t), pattern) }) == Yes
	}) {
		return true
	}
	if pattern == "*" || pattern == "*:*" {
		return false
	}
	acts, ok := v.expanded[pattern]
	if !ok {
		acts = iamactions.Expand(pattern)
		v.expanded[pattern] = acts
	}
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

// denyCoversScope reports whether Deny i applies to every resource and
// principal that Allow s (scopeOf) names. A long list of the Deny is
// compared through its index (patterns, principals), not element by
// element; the Denies have no unknown resources (build).
func (v *View) denyCoversScope(i int32, s *model.Statement) bool {
	d := v.denies[i]
	if !v.denyCoversPrincipals(i, s) {
		return false
	}
	switch {
	case d.Resource == nil && d.NotResource == nil:
		return true
	case d.NotResource != nil:
		// Deny on everything but X covers the Allow when none of its
		// resources can fall in X.
		if v.scopeUnknown {
			return false
		}
		if len(s.Resource) > smallList && len(s.Resource) > len(d.NotResource) {
			// Overlapping is symmetric: the Deny's few patterns are
			// looked up in the Allow's long list.
			if v.scopeSet == nil {
				v.scopeSet = newPatternSet(s.Resource)
			}
			for _, x := range d.NotResource {
				if v.scopeSet.overlaps(x.Text) {
					return false
				}
			}
			return true
		}
		x := v.patterns(d)
		for _, r := range s.Resource {
			if x.overlaps(r.Text) {
				return false
			}
		}
		return true
	}
	if v.resourceStar[i] {
		return true
	}
	if v.scopeUnknown {
		return false
	}
	// No pattern of d is "*" here, so ARNMatch is Glob.
	t := v.patterns(d)
	for _, j := range v.scopeMisses {
		if !t.matches(s.Resource[j].Text) {
			return false
		}
	}
	if len(s.Resource) > smallList && len(d.Resource) <= len(s.Resource) {
		return v.coversByRanges(d, s, t)
	}
	for j, r := range s.Resource {
		if !t.matches(r.Text) {
			v.missed(j)
			return false
		}
	}
	return true
}

// maxMisses bounds the resources of an Allow a Deny is tried on first.
const maxMisses = 8

// missed puts resource j of the Allow scopeOf first among those a Deny is
// tried on first.
func (v *View) missed(j int) {
	if len(v.scopeMisses) < maxMisses {
		v.scopeMisses = append(v.scopeMisses, 0)
	}
	copy(v.scopeMisses[1:], v.scopeMisses)
	v.scopeMisses[0] = j
}

// denyCoversPrincipals: identity policies have no principals; in a
// resource policy the Deny must name everyone or every principal the Allow
// names.
func (v *View) denyCoversPrincipals(i int32, s *model.Statement) bool {
	d := v.denies[i]
	if d.Principal == nil && d.NotPrincipal == nil {
		return true
	}
	if d.NotPrincipal != nil {
		return false
	}
	if v.principalStar[i] {
		return true
	}
	if s.Principal == nil {
		return false
	}
	named := v.principals(d)
	for _, ap := range s.Principal {
		if ap.Value == nil || !ap.Value.Known {
			return false
		}
		found := false
		for _, p := range named[ap.Value.Text] {
			if strings.EqualFold(p.Type, ap.Type) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// principals returns the known principals Deny d names, by text.
func (v *View) principals(d *model.Statement) map[string][]*model.Principal {
	m, ok := v.principalsOf[d]
	if !ok {
		m = map[string][]*model.Principal{}
		for _, p := range d.Principal {
			if p.Value != nil && p.Value.Known {
				m[p.Value.Text] = append(m[p.Value.Text], p)
			}
		}
		v.principalsOf[d] = m
	}
	return m
}

// patterns returns the index of Deny d's NotResource list, or of its
// Resource list when it has no NotResource, until the next call. A short
// list is not indexed: it is read into one set the view reuses, so that
// the Denies an Allow is compared with cost no memory each (an index's
// near misses may be many more than its matches).
func (v *View) patterns(d *model.Statement) *patternSet {
	list := d.Resource
	if d.NotResource != nil {
		list = d.NotResource
	}
	if len(list) <= smallList {
		ps := &v.short
		ps.texts = ps.texts[:0]
		for _, e := range list {
			ps.texts = append(ps.texts, e.Text)
		}
		return ps
	}
	ps, ok := v.patternsOf[d]
	if !ok {
		ps = newPatternSet(list)
		v.patternsOf[d] = ps
	}
	return ps
}

// work counts the steps the view has taken: Denies compared with an Allow,
// index entries and trie edges visited, list members read. It grows with
// the work done whatever the machine's load, so that a test can hold an
// index to its bound (cost n to 4n at most 4.5 times).
func (v *View) work() int {
	n := v.tried + v.actions.work() + v.resources.work()
	for _, x := range []*exclusionIndex{v.notActions, v.notResources} {
		if x != nil {
			n += x.visited + x.patterns.work()
		}
	}
	for _, ps := range v.patternsOf {
		n += ps.visited + ps.index.work()
	}
	if v.scopeSet != nil {
		n += v.scopeSet.visited + v.scopeSet.index.work()
	}
	return n + v.short.visited + v.scopeWork + v.rangeWork
}

// patternSet answers, for a list of resource patterns, whether one of them
// matches a resource text, or overlaps it (either matches the other as
// text). A list longer than smallList is indexed (patternIndex), so that a
// resource is compared only with the patterns that can match it.
type patternSet struct {
	visited  int // patterns compared (see View.work)
	texts    []string
	index    patternIndex
	sorted   []string       // texts in order, for the patterns a resource glob can match
	bySuffix []reversedText // texts by their reversed text, for the same
}

const smallList = 8

func newPatternSet(es []*model.Elem) *patternSet {
	ps := &patternSet{texts: make([]string, len(es))}
	for i, e := range es {
		ps.texts[i] = e.Text
	}
	if len(es) > smallList {
		ps.index.grow(len(ps.texts))
		for i, t := range ps.texts {
			ps.index.add(t, int32(i))
		}
		ps.sorted = slices.Clone(ps.texts) // at its size: slices.Sorted grows it by appends
		slices.Sort(ps.sorted)
		// The reversed texts are cut from one string: one allocation for
		// the list, not one a pattern.
		size := 0
		for _, t := range ps.texts {
			size += len(t)
		}
		var rev strings.Builder
		rev.Grow(size)
		for _, t := range ps.texts {
			writeReversed(&rev, t)
		}
		all := rev.String()
		ps.bySuffix = make([]reversedText, 0, len(ps.texts))
		for _, t := range ps.texts {
			ps.bySuffix = append(ps.bySuffix, reversedText{all[:len(t)], t})
			all = all[len(t):]
		}
		slices.SortFunc(ps.bySuffix, func(a, b reversedText) int { return strings.Compare(a.rev, b.rev) })
	}
	return ps
}

type reversedText struct{ rev, text string }

// matches reports whether a pattern of the list matches r.
func (ps *patternSet) matches(r string) bool {
	if ps.sorted == nil {
		for _, t := range ps.texts {
			ps.visited++
			if iamactions.Glob(t, r) {
				return true
			}
		}
		return false
	}
	return ps.index.walk(r, func(i int32) bool {
		ps.visited++
		return iamactions.Glob(ps.texts[i], r)
	})
}

// overlaps reports whether a pattern x of the list matches r or r matches
// x (as text).
func (ps *patternSet) overlaps(r string) bool {
	if ps.sorted == nil {
		for _, x := range ps.texts {
			ps.visited++
			if iamactions.Glob(x, r) || iamactions.Glob(r, x) {
				return true
			}
		}
		return false
	}
	if ps.matches(r) {
		return true
	}
	// r matches only texts that start with its literal prefix and end
	// with its literal suffix: those of the shorter range are compared.
	lit := literalPrefix(r)
	lo, _ := slices.BinarySearch(ps.sorted, lit)
	hi := lo + sort.Search(len(ps.sorted)-lo, func(k int) bool { return !strings.HasPrefix(ps.sorted[lo+k], lit) })
	suf := reversed(literalSuffix(r))
	slo, _ := slices.BinarySearchFunc(ps.bySuffix, suf, func(e reversedText, t string) int { return strings.Compare(e.rev, t) })
	shi := slo + sort.Search(len(ps.bySuffix)-slo, func(k int) bool { return !strings.HasPrefix(ps.bySuffix[slo+k].rev, suf) })
	if shi-slo < hi-lo {
		for _, e := range ps.bySuffix[slo:shi] {
			ps.visited++
			if iamactions.Glob(r, e.text) {
				return true
			}
		}
		return false
	}
	for _, t := range ps.sorted[lo:hi] {
		ps.visited++
		if iamactions.Glob(r, t) {
			return true
		}
	}
	return false
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

// prefixIndex finds the values added under keys that are prefixes of a
// text, in time linear in the text's length and the values found: a trie
// whose nodes are numbered, its edges in one map.
type prefixIndex struct {
	visited int // values and edges walked (see View.work)
	next    map[prefixEdge]int32
	values  map[int32][]int32
	nodes   int32
}

type prefixEdge struct {
	node int32
	b    byte
}

func foldByte(b byte, fold bool) byte {
	if fold && 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// add adds v under key (ASCII case folded when fold is set, as GlobFold
// compares).
func (x *prefixIndex) add(key string, fold bool, v int32) {
	if x.next == nil {
		x.next = map[prefixEdge]int32{}
		x.values = map[int32][]int32{}
	}
	n := int32(0)
	for i := 0; i < len(key); i++ {
		e := prefixEdge{n, foldByte(key[i], fold)}
		c, ok := x.next[e]
		if !ok {
			x.nodes++
			c = x.nodes
			x.next[e] = c
		}
		n = c
	}
	if vs := x.values[n]; len(vs) == 0 || vs[len(vs)-1] != v {
		x.values[n] = append(vs, v) // a value's keys are added one after another
	}
}

// walk calls f for each value whose key is a prefix of text until f
// returns true.
func (x *prefixIndex) walk(text string, fold bool, f func(int32) bool) bool {
	return x.walkDir(text, fold, false, f)
}

// walkReversed walks the keys that are prefixes of text reversed.
func (x *prefixIndex) walkReversed(text string, fold bool, f func(int32) bool) bool {
	return x.walkDir(text, fold, true, f)
}

func (x *prefixIndex) walkDir(text string, fold, rev bool, f func(int32) bool) bool {
	if x.values == nil {
		return false
	}
	n := int32(0)
	for i := 0; ; i++ {
		x.visited++
		for _, v := range x.values[n] {
			x.visited++
			if f(v) {
				return true
			}
		}
		if i == len(text) {
			return false
		}
		b := text[i]
		if rev {
			b = text[len(text)-1-i]
		}
		c, ok := x.next[prefixEdge{n, foldByte(b, fold)}]
		if !ok {
			return false
		}
		n = c
	}
}

// size counts the values walk would visit.
func (x *prefixIndex) size(text string, fold bool) int { return x.sizeDir(text, fold, false) }

// sizeReversed counts the values walkReversed would visit.
func (x *prefixIndex) sizeReversed(text string, fold bool) int { return x.sizeDir(text, fold, true) }

func (x *prefixIndex) sizeDir(text string, fold, rev bool) int {
	if x.values == nil {
		return 0
	}
	total, n := 0, int32(0)
	for i := 0; ; i++ {
		x.visited++
		total += len(x.values[n])
		if i == len(text) {
			return total
		}
		b := text[i]
		if rev {
			b = text[len(text)-1-i]
		}
		c, ok := x.next[prefixEdge{n, foldByte(b, fold)}]
		if !ok {
			return total
		}
		n = c
	}
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
