package policyeval

import (
	"slices"
	"strings"
)

// patternIndex finds, for a text, the values added under glob patterns
// that may match it: those whose literal prefix starts the text, those
// whose literal suffix ends it, or those whose key (the literal piece of
// the pattern, or a four-byte window of one, that the fewest patterns
// hold) occurs in it, whichever of the three holds fewest. Patterns that
// share a prefix and a suffix with many texts (arn:aws:s3:::b*/m1*x against
// arn:aws:s3:::bucket1/kx) are told apart by their keys; the keys are
// indexed on the first text for which both other sides hold more than
// fewCandidates.
type patternIndex struct {
	fold bool
	// exact holds the values of patterns without a wildcard, which match
	// only their own text (folded): one look-up, where a trie would take
	// one per byte in a map as large as every pattern's bytes.
	exact    map[string][]int32
	prefix   prefixIndex
	suffix   prefixIndex // literal suffixes, reversed
	patterns []indexedPattern

	keyed    bool
	keys     map[string]int32
	lists    [][]int32 // per key, the values
	lens     []int     // the keys' lengths, ascending
	anywhere []int32   // values of patterns without a literal piece
	seen     []uint32  // per key: == epoch when found in the text
	epoch    uint32
	lower    []byte

	// The last text sized, how many values walk visits for it and on
	// which side.
	sized    bool
	lastText string
	lastSize int
	lastSide int
	visited  int // keys looked up and values visited (see View.work)
}

type indexedPattern struct {
	text string
	v    int32
}

// fewCandidates: a side holding no more is walked without looking at the
// others (a variable so that TestPatternIndexAgrees can take every side).
var fewCandidates = 8

const (
	maxKeyLen  = 4
	sidePrefix = 0
	sideSuffix = 1
	sideKey    = 2
)

// grow makes room for n more patterns, so that a long list's patterns
// are not copied as the index grows by appends.
func (x *patternIndex) grow(n int) {
	x.patterns = slices.Grow(x.patterns, n)
}

// add adds v under pattern (ASCII case folded when fold is set, as
// GlobFold compares).
func (x *patternIndex) add(pattern string, v int32) {
	x.keyed, x.sized = false, false
	if !strings.ContainsAny(pattern, "*?") {
		if x.exact == nil {
			x.exact = map[string][]int32{}
		}
		k := x.foldKey(pattern)
		if l := x.exact[k]; len(l) == 0 || l[len(l)-1] != v {
			x.exact[k] = append(l, v)
		}
		return
	}
	x.prefix.add(literalPrefix(pattern), x.fold, v)
	x.suffix.add(reversed(literalSuffix(pattern)), x.fold, v)
	x.patterns = append(x.patterns, indexedPattern{pattern, v})
}

// exactOf is the values of the patterns without a wildcard equal to text.
func (x *patternIndex) exactOf(text string) []int32 {
	if x.exact == nil {
		return nil
	}
	x.visited++
	if !x.fold {
		return x.exact[text]
	}
	x.lower = append(x.lower[:0], text...)
	for i, c := range x.lower {
		x.lower[i] = foldByte(c, true)
	}
	return x.exact[string(x.lower)] // no copy made for a look-up
}

// keysOf calls f with each key a text matched by pattern holds: each
// literal piece up to maxKeyLen bytes, and of a longer one its first,
// middle and last windows of maxKeyLen (so that a text is looked up at
// most maxKeyLen times per byte, and the keys counted are fewer than the
// patterns' bytes).
func keysOf(pattern string, f func(key string)) {
	for piece := range strings.FieldsFuncSeq(pattern, func(r rune) bool { return r == '*' || r == '?' }) {
		if len(piece) <= maxKeyLen {
			f(piece)
			continue
		}
		mid := (len(piece) - maxKeyLen) / 2
		f(piece[:maxKeyLen])
		f(piece[mid : mid+maxKeyLen])
		f(piece[len(piece)-maxKeyLen:])
	}
}

// foldKey folds ASCII letters as GlobFold compares them (and eachKey the
// text).
func (x *patternIndex) foldKey(s string) string {
	if !x.fold {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		b[i] = foldByte(c, true)
	}
	return string(b)
}

// index puts each pattern's value under its rarest key.
func (x *patternIndex) index() {
	x.keyed = true
	count := map[string]int{}
	for _, p := range x.patterns {
		keysOf(x.foldKey(p.text), func(k string) { count[k]++ })
	}
	x.keys, x.lists, x.lens, x.anywhere = map[string]int32{}, make([][]int32, 0, len(x.patterns)), nil, nil
	for _, p := range x.patterns {
		best := ""
		keysOf(x.foldKey(p.text), func(k string) {
			if best == "" || count[k] < count[best] || count[k] == count[best] && len(k) > len(best) {
				best = k
			}
		})
		if best == "" {
			x.anywhere = append(x.anywhere, p.v)
			continue
		}
		id, ok := x.keys[best]
		if !ok {
			id = int32(len(x.lists))
			x.keys[best] = id
			x.lists = append(x.lists, nil)
			if !slices.Contains(x.lens, len(best)) {
				x.lens = append(x.lens, len(best))
			}
		}
		if l := x.lists[id]; len(l) == 0 || l[len(l)-1] != p.v {
			x.lists[id] = append(l, p.v)
		}
	}
	slices.Sort(x.lens)
	x.seen = make([]uint32, len(x.lists))
}

// eachKey calls f with the list of each distinct key text holds.
func (x *patternIndex) eachKey(text string, f func(l []int32) bool) bool {
	if x.fold {
		x.lower = append(x.lower[:0], text...)
		for i, b := range x.lower {
			x.lower[i] = foldByte(b, true)
		}
		text = string(x.lower)
	}
	x.epoch++
	for _, n := range x.lens {
		for i := 0; i+n <= len(text); i++ {
			x.visited++
			if id, ok := x.keys[text[i:i+n]]; ok && x.seen[id] != x.epoch {
				x.seen[id] = x.epoch
				if f(x.lists[id]) {
					return true
				}
			}
		}
	}
	return false
}

// size counts the values walk visits for text.
func (x *patternIndex) size(text string) int {
	if x.sized && x.lastText == text {
		return x.lastSize
	}
	n := x.sideOf(text) + len(x.exactOf(text))
	x.sized, x.lastText, x.lastSize = true, text, n
	return n
}

func (x *patternIndex) sideOf(text string) int {
	n := x.prefix.size(text, x.fold)
	x.lastSide = sidePrefix
	if n <= fewCandidates {
		return n
	}
	if ns := x.suffix.sizeReversed(text, x.fold); ns < n {
		n, x.lastSide = ns, sideSuffix
	}
	if n <= fewCandidates {
		return n
	}
	if !x.keyed {
		x.index()
	}
	nk := len(x.anywhere)
	x.eachKey(text, func(l []int32) bool {
		nk += len(l)
		return false
	})
	if nk < n {
		n, x.lastSide = nk, sideKey
	}
	return n
}

// walk calls f for each value whose pattern may match text (a value may
// come more than once), on the side size chose, until f returns true.
func (x *patternIndex) walk(text string, f func(int32) bool) bool {
	x.size(text)
	for _, v := range x.exactOf(text) {
		x.visited++
		if f(v) {
			return true
		}
	}
	switch x.lastSide {
	case sideSuffix:
		return x.suffix.walkReversed(text, x.fold, f)
	case sideKey:
		for _, v := range x.anywhere {
			x.visited++
			if f(v) {
				return true
			}
		}
		return x.eachKey(text, func(l []int32) bool {
			for _, v := range l {
				x.visited++
				if f(v) {
					return true
				}
			}
			return false
		})
	}
	return x.prefix.walk(text, x.fold, f)
}

// work is the steps the index has taken.
func (x *patternIndex) work() int {
	return x.visited + x.prefix.visited + x.suffix.visited
}
