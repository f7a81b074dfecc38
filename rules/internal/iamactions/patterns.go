package iamactions

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// A pattern whose service prefix has a wildcard ("*:Get*", "*Object*")
// would be matched against every action of the catalog, some 27,000. After
// 64 such patterns (the index costs about 100 scans to build) the catalog
// is indexed once (patternIndex), and a pattern is matched only against
// the actions that can match it: those that start with its literal
// prefix, end with its literal suffix, or hold the rarest three letters in
// a row of its literal pieces, and that hold each letter as often as the
// pattern does. Every candidate is still matched with Glob (both sides
// lower-cased), so the index only decides what is compared.

// scansBeforeIndex is how many catalog-wide scans run before the index is
// built: a policy with a few such patterns does not pay for it.
const scansBeforeIndex = 64

var catalogScans atomic.Int32

// patternIndex indexes every action's lower-cased full name.
type patternIndex struct {
	acts    []*Action
	names   []string // lower-cased "service:action", catalog order
	byName  []int32  // ids in order of name
	rev     []string // each name reversed
	byRev   []int32  // ids in order of reversed name
	grams   map[uint32][]int32
	letters map[letterCount][]uint64 // actions with at least n of a byte
	// before[a*26+b]: the actions in which a letter a comes before a
	// letter b (the first a before the last b), as a bitset.
	before [26 * 26][]uint64
	// pairs[pairKey(a, b, d)]: the actions holding byte b d bytes after
	// a byte a (d up to maxPairGap), as a bitset: a pattern's literal
	// bytes two at a time, in pieces too short for a trigram ("*et*ri*")
	// or cut by ? ("*e?t*"). Bitsets are cut from one block.
	pairs map[uint32][]uint64
}

// maxPairGap bounds the distances pairs tells apart (each one more costs
// the index some 2 MB).
const maxPairGap = 2

func pairKey(a, b byte, d int) uint32 { return uint32(a)<<16 | uint32(b)<<8 | uint32(d) }

type letterCount struct {
	b byte
	n uint8
}

// maxLetterCount bounds the counts the letter filter tells apart.
const maxLetterCount = 4

var thePatternIndex = sync.OnceValue(buildPatternIndex)

func buildPatternIndex() *patternIndex {
	x := &patternIndex{letters: map[letterCount][]uint64{}}
	for i := range index {
		svc := serviceAt(i)
		for k := range svc.actions {
			x.acts = append(x.acts, &svc.actions[k])
			x.names = append(x.names, lowerASCII(svc.actions[k].FullName))
		}
	}
	n := len(x.names)
	words := (n + 63) / 64
	x.byName = make([]int32, n)
	x.byRev = make([]int32, n)
	x.rev = make([]string, n)
	for k := range x.before {
		x.before[k] = make([]uint64, words)
	}
	// Trigram postings in two passes: count, then fill one backing array.
	count := map[uint32]int32{}
	for id, name := range x.names {
		var first, last [26]int8
		for j := 0; j < len(name) && j < 127; j++ {
			if c := name[j]; 'a' <= c && c <= 'z' {
				if first[c-'a'] == 0 {
					first[c-'a'] = int8(j + 1)
				}
				last[c-'a'] = int8(j + 1)
			}
		}
		for a := range first {
			for b := range last {
				if first[a] != 0 && last[b] != 0 && first[a] < last[b] {
					x.before[a*26+b][id/64] |= 1 << (id % 64)
				}
			}
		}
		x.byName[id], x.byRev[id] = int32(id), int32(id)
		x.rev[id] = reverse(name)
		var counts [256]uint8
		for j := 0; j < len(name); j++ {
			c := name[j]
			if counts[c] < maxLetterCount {
				counts[c]++
				key := letterCount{c, counts[c]}
				b := x.letters[key]
				if b == nil {
					b = make([]uint64, words)
					x.letters[key] = b
				}
				b[id/64] |= 1 << (id % 64)
			}
			if g := gram(name, j); g != 0 {
				count[g]++ // an action repeating a trigram counts it twice: room to spare
			}
		}
	}
	x.indexPairs(words)
	total := int32(0)
	for _, c := range count {
		total += c
	}
	backing := make([]int32, 0, total)
	x.grams = make(map[uint32][]int32, len(count))
	for id, name := range x.names {
		for j := 0; j < len(name); j++ {
			g := gram(name, j)
			if g == 0 {
				continue
			}
			l, ok := x.grams[g]
			if !ok {
				l = backing[len(backing) : len(backing) : len(backing)+int(count[g])]
				backing = backing[:len(backing)+int(count[g])]
			}
			if len(l) == 0 || l[len(l)-1] != int32(id) {
				l = append(l, int32(id))
			}
			x.grams[g] = l
		}
	}
	slices.SortFunc(x.byName, func(a, b int32) int { return strings.Compare(x.names[a], x.names[b]) })
	slices.SortFunc(x.byRev, func(a, b int32) int { return strings.Compare(x.rev[a], x.rev[b]) })
	return x
}

// indexPairs fills pairs: the keys found through a table by byte values
// (a map look-up per byte pair and distance would cost the build more
// than the rest of the index), their bitsets cut from one block.
func (x *patternIndex) indexPairs(words int) {
	slot := make([]int32, 256*256*maxPairGap) // key -> 1 + bitset number
	keys := []uint32{}
	for _, name := range x.names {
		for j := 0; j < len(name); j++ {
			for d := 1; d <= maxPairGap && j+d < len(name); d++ {
				if k := (int(name[j])<<8|int(name[j+d]))*maxPairGap + d - 1; slot[k] == 0 {
					keys = append(keys, pairKey(name[j], name[j+d], d))
					slot[k] = int32(len(keys))
				}
			}
		}
	}
	block := make([]uint64, len(keys)*words)
	for id, name := range x.names {
		for j := 0; j < len(name); j++ {
			for d := 1; d <= maxPairGap && j+d < len(name); d++ {
				b := int(slot[(int(name[j])<<8|int(name[j+d]))*maxPairGap+d-1]-1) * words
				block[b+id/64] |= 1 << (id % 64)
			}
		}
	}
	x.pairs = make(map[uint32][]uint64, len(keys))
	for i, k := range keys {
		x.pairs[k] = block[i*words : (i+1)*words : (i+1)*words]
	}
}

// gram packs the three bytes of s at i, or is 0 when s ends before.
func gram(s string, i int) uint32 {
	if i+3 > len(s) {
		return 0
	}
	return 1<<24 | uint32(s[i])<<16 | uint32(s[i+1])<<8 | uint32(s[i+2])
}

func reverse(s string) string {
	b := []byte(s)
	slices.Reverse(b)
	return string(b)
}

// prefixRange returns the ids, in sorted, whose key starts with p.
func prefixRange(keys []string, sorted []int32, p string) []int32 {
	lo, _ := slices.BinarySearchFunc(sorted, p, func(id int32, t string) int { return strings.Compare(keys[id], t) })
	hi := lo
	for hi < len(sorted) && strings.HasPrefix(keys[sorted[hi]], p) {
		hi++
	}
	return sorted[lo:hi]
}

// each calls yield for every action that the pattern p, its ASCII
// letters lower-cased, matches, in catalog order, until yield returns false.
func (x *patternIndex) each(p string, yield func(*Action) bool) {
	x.eachCounted(p, yield)
}

// eachCounted is each, and returns how many actions it matched p against
// (what the index could not rule out).
func (x *patternIndex) eachCounted(p string, yield func(*Action) bool) (globbed int) {
	// The literal runs of p, between its wildcards.
	runs := strings.FieldsFunc(p, func(r rune) bool { return r == '*' || r == '?' })
	var cands []int32
	choose := func(ids []int32) {
		if cands == nil || len(ids) < len(cands) {
			cands = ids
		}
	}
	if i := strings.IndexAny(p, "*?"); i > 0 {
		choose(prefixRange(x.names, x.byName, p[:i]))
	}
	if i := strings.LastIndexAny(p, "*?"); i >= 0 && i < len(p)-1 {
		choose(prefixRange(x.rev, x.byRev, reverse(p[i+1:])))
	}
	var need [256]uint8
	for _, r := range runs {
		for j := 0; j < len(r); j++ {
			need[r[j]]++
			if g := gram(r, j); g != 0 {
				choose(x.grams[g])
			}
		}
	}
	// The actions holding each byte as often as p does (up to
	// maxLetterCount), as a bitset.
	var filter []uint64
	for c, k := range need {
		if k == 0 {
			continue
		}
		b := x.letters[letterCount{byte(c), min(k, maxLetterCount)}]
		if b == nil {
			return 0 // no action holds it that often
		}
		if filter == nil {
			filter = slices.Clone(b)
			continue
		}
		for w := range filter {
			filter[w] &= b[w]
		}
	}
	// Two literal bytes of p with no star between them, d apart, are d
	// apart in any match.
	for _, seg := range strings.Split(p, "*") {
		for j := 0; j < len(seg); j++ {
			if seg[j] == '?' {
				continue
			}
			for d := 1; d <= maxPairGap && j+d < len(seg); d++ {
				if seg[j+d] == '?' {
					continue
				}
				b := x.pairs[pairKey(seg[j], seg[j+d], d)]
				if b == nil {
					return 0 // no action holds the two bytes so
				}
				if filter == nil {
					filter = slices.Clone(b)
				} else {
					for w := range filter {
						filter[w] &= b[w]
					}
				}
				break // the next literal byte: the pairs after it follow
			}
		}
	}
	// Each literal letter comes before the next one of p in any match.
	prev := -1
	for j := 0; j < len(p); j++ {
		c := p[j]
		if 'a' <= c && c <= 'z' {
			if prev >= 0 && filter != nil {
				b := x.before[prev*26+int(c-'a')]
				for w := range filter {
					filter[w] &= b[w]
				}
			}
			prev = int(c - 'a')
		}
	}
	try := func(id int32) bool {
		if filter != nil && filter[id/64]&(1<<(id%64)) == 0 {
			return true
		}
		globbed++
		return !Glob(p, x.names[id]) || yield(x.acts[id])
	}
	if cands != nil && (filter == nil || len(cands) < len(x.names)/8) {
		ordered := slices.Clone(cands)
		slices.Sort(ordered)
		for _, id := range ordered {
			if !try(id) {
				return globbed
			}
		}
		return globbed
	}
	if filter == nil {
		for id := range x.names {
			if !try(int32(id)) {
				return globbed
			}
		}
		return globbed
	}
	for w, word := range filter {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &= word - 1
			if !try(int32(w*64 + b)) {
				return globbed
			}
		}
	}
	return globbed
}
