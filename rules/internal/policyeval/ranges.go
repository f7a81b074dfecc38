package policyeval

import (
	"slices"
	"sort"
	"strings"

	"github.com/configward/configward/parsers/model"
)

// resourceOrder is an Allow's resources in order of their texts, with
// what a range of them has in common: the shortest length, and the
// longest suffix they all share (the least shared by two neighbours: a
// suffix each neighbour shares with the next is shared by all).
type resourceOrder struct {
	texts  []string // in order
	ids    []int32  // each text's index in the Allow's list
	common minTree  // at k: texts[k]'s length, the suffix it shares with texts[k-1]
}

func newResourceOrder(s *model.Statement, compared *int) *resourceOrder {
	o := &resourceOrder{ids: make([]int32, len(s.Resource))}
	for j := range o.ids {
		o.ids[j] = int32(j)
	}
	slices.SortFunc(o.ids, func(a, b int32) int {
		*compared++
		return strings.Compare(s.Resource[a].Text, s.Resource[b].Text)
	})
	o.texts = make([]string, len(o.ids))
	leaves := make([]lenTail, len(o.ids))
	for k, j := range o.ids {
		o.texts[k] = s.Resource[j].Text
		leaves[k].len = int32(len(o.texts[k]))
		if k > 0 {
			leaves[k].tail = int32(sharedSuffix(o.texts[k-1], o.texts[k]))
		}
	}
	o.common = newMinTree(leaves)
	return o
}

func sharedSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// allMatch reports whether pattern p, whose literal prefix selects the
// texts [lo, hi), matches each of them: p is one of them (no wildcard),
// or between its literal prefix and suffix it has wildcards only, one a
// star at least, and each text in the range is long enough and ends with
// the suffix.
func (o *resourceOrder) allMatch(p, lit string, lo, hi int, visited *int) bool {
	if lit == p {
		return true
	}
	suf := literalSuffix(p)
	mid := p[len(lit) : len(p)-len(suf)]
	if strings.Trim(mid, "*?") != "" || !strings.Contains(mid, "*") {
		return false
	}
	q := strings.Count(mid, "?")
	if suf == "" && q == 0 {
		return true // a prefix glob: each text of the range starts with lit
	}
	// texts[lo] on its own, the others with the one before.
	least := lenTail{int32(len(o.texts[lo])), int32(len(suf))}
	if hi-lo > 1 {
		m := o.common.min(lo+1, hi, visited)
		least = lenTail{min(least.len, m.len), m.tail}
	}
	return int(least.len) >= len(lit)+len(suf)+q && int(least.tail) >= len(suf) && strings.HasSuffix(o.texts[lo], suf)
}

type lenTail struct{ len, tail int32 }

// minTree answers the least lengths and shared suffixes of a range of
// leaves in a number of steps logarithmic in their count (a segment tree:
// node i holds the least of nodes 2i and 2i+1, the leaves follow).
type minTree []lenTail

func newMinTree(leaves []lenTail) minTree {
	n := len(leaves)
	t := make(minTree, 2*n)
	copy(t[n:], leaves)
	for i := n - 1; i > 0; i-- {
		t[i] = lenTail{min(t[2*i].len, t[2*i+1].len), min(t[2*i].tail, t[2*i+1].tail)}
	}
	return t
}

// min is the least of each field over the leaves [lo, hi) (lo < hi).
func (t minTree) min(lo, hi int, visited *int) lenTail {
	n := len(t) / 2
	m := t[lo+n]
	take := func(x lenTail) { m = lenTail{min(m.len, x.len), min(m.tail, x.tail)} }
	for lo, hi = lo+n, hi+n; lo < hi; lo, hi = lo/2, hi/2 {
		*visited++
		if lo&1 == 1 {
			take(t[lo])
			lo++
		}
		if hi&1 == 1 {
			hi--
			take(t[hi])
		}
	}
	return m
}

// A span is the range [lo, hi) of an Allow's resources, in text order,
// that a Deny's pattern may match (those starting with its literal
// prefix), and whether it matches them all.
type span struct {
	lo, hi int
	all    bool
}

// coversByRanges is denyCoversScope for a Deny d with a Resource list (its
// patterns t) and the Allow s (scopeOf) with a long one, in a binary
// search or two per pattern of d: the resources of s that a pattern's
// literal prefix selects are a range of them in text order. A resource in
// none of the ranges is matched by no pattern (d does not cover s, and
// that resource is tried first on the next Deny); a resource in the range
// of a pattern that matches all it selects (allMatch) is matched; the
// others are compared with t one by one. Denies each refused by a resource
// of their own, or each covering a long list by a prefix glob, cost a few
// searches each, not a comparison per resource.
func (v *View) coversByRanges(d, s *model.Statement, t *patternSet) bool {
	o, ok := v.orderOf[s]
	if !ok {
		o = newResourceOrder(s, &v.rangeWork)
		if v.orderOf == nil {
			v.orderOf = map[*model.Statement]*resourceOrder{}
		}
		v.orderOf[s] = o
	}
	n := len(o.texts)
	text := func(k int) string { v.rangeWork++; return o.texts[k] }
	v.spans = v.spans[:0]
	for _, e := range d.Resource {
		p := e.Text
		lit := literalPrefix(p)
		lo := sort.Search(n, func(k int) bool { return text(k) >= lit })
		var hi int
		if lit == p {
			// No wildcard: the resources equal to p, the first ones
			// that start with it.
			hi = lo + sort.Search(n-lo, func(k int) bool { return text(lo+k) != p })
		} else {
			hi = lo + sort.Search(n-lo, func(k int) bool { return !strings.HasPrefix(text(lo+k), lit) })
		}
		if lo < hi {
			v.spans = append(v.spans, span{lo, hi, o.allMatch(p, lit, lo, hi, &v.rangeWork)})
		}
	}
	slices.SortFunc(v.spans, func(a, b span) int { return a.lo - b.lo })
	// A resource before the next span is in none.
	reach := 0
	for _, sp := range v.spans {
		if sp.lo > reach {
			break
		}
		reach = max(reach, sp.hi)
	}
	if reach < n {
		v.missed(int(o.ids[reach]))
		return false
	}
	// The resources outside the spans that match all they select.
	done := 0
	compare := func(to int) bool {
		for ; done < to; done++ {
			if !t.matches(o.texts[done]) {
				v.missed(int(o.ids[done]))
				return false
			}
		}
		return true
	}
	for _, sp := range v.spans {
		if sp.all {
			if !compare(sp.lo) {
				return false
			}
			done = max(done, sp.hi)
		}
	}
	return compare(n)
}
