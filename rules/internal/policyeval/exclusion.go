package policyeval

import (
	"math/bits"

	"github.com/configward/configward/rules/internal/iamactions"
)

// exclusionIndex indexes the patterns of the NotAction (or NotResource)
// lists of many Denies, so that for a text the Denies that do NOT exclude
// it are found without visiting those that do: a pattern text shared by
// many Denies marks all of them at once, through its bitset. A Deny
// excludes a text when one of its patterns matches it.
type exclusionIndex struct {
	fold    bool
	texts   []string  // distinct pattern texts
	denies  [][]int32 // per text, the Denies listing it
	bits    [][]uint64
	prefix  prefixIndex // texts by literal prefix
	members []uint64    // every Deny indexed
	byText  map[string]int32
	left    []uint64 // scratch: members not excluded by the last query
}

// add records that Deny d lists pattern text.
func (x *exclusionIndex) add(text string, d int32) {
	if x.byText == nil {
		x.byText = map[string]int32{}
	}
	j, ok := x.byText[text]
	if !ok {
		j = int32(len(x.texts))
		x.byText[text] = j
		x.texts = append(x.texts, text)
		x.denies = append(x.denies, nil)
		x.prefix.add(literalPrefix(text), x.fold, j)
	}
	if ds := x.denies[j]; len(ds) == 0 || ds[len(ds)-1] != d {
		x.denies[j] = append(ds, d)
	}
	x.member(d)
}

// member adds Deny d, which may list no pattern.
func (x *exclusionIndex) member(d int32) { x.members = setBit(x.members, d) }

// finish sizes the bitsets for n Denies; a text listed by more than a
// word's worth of them is marked a word at a time.
func (x *exclusionIndex) finish(n int) {
	words := (n + 63) / 64
	x.members = append(x.members, make([]uint64, words-len(x.members))...)
	x.left = make([]uint64, words)
	x.bits = make([][]uint64, len(x.texts))
	for j, ds := range x.denies {
		if len(ds) > 64 {
			b := make([]uint64, words)
			for _, d := range ds {
				b[d/64] |= 1 << (d % 64)
			}
			x.bits[j] = b
		}
	}
}

func setBit(b []uint64, i int32) []uint64 {
	for int(i/64) >= len(b) {
		b = append(b, 0)
	}
	b[i/64] |= 1 << (i % 64)
	return b
}

// notExcluding leaves in x.left the member Denies none of whose patterns
// match any of texts, and returns how many they are.
func (x *exclusionIndex) notExcluding(texts ...string) int {
	copy(x.left, x.members)
	for _, t := range texts {
		x.prefix.walk(t, x.fold, func(j int32) bool {
			if !glob(x.texts[j], t, x.fold) {
				return false
			}
			if b := x.bits[j]; b != nil {
				for k, w := range b {
					x.left[k] &^= w
				}
				return false
			}
			for _, d := range x.denies[j] {
				x.left[d/64] &^= 1 << (d % 64)
			}
			return false
		})
	}
	n := 0
	for _, w := range x.left {
		n += bits.OnesCount64(w)
	}
	return n
}

// eachLeft calls f for each Deny left by the last notExcluding, in order,
// until f returns true.
func (x *exclusionIndex) eachLeft(f func(int32) bool) bool {
	for k, w := range x.left {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			w &= w - 1
			if f(int32(k*64 + b)) {
				return true
			}
		}
	}
	return false
}

func glob(pattern, s string, fold bool) bool {
	if fold {
		return iamactions.GlobFold(pattern, s)
	}
	return iamactions.Glob(pattern, s)
}
