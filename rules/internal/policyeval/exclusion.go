package policyeval

import (
	"encoding/binary"
	"slices"

	"github.com/configward/configward/rules/internal/iamactions"
)

// exclusionIndex indexes the patterns of the NotAction (or NotResource)
// lists of many Denies (its members), so that for a text the members that
// do NOT exclude it are found without visiting those that do. A member
// excludes a text when one of its patterns matches it.
//
// Each pattern text keeps the sorted list of the members listing it. A
// query finds the texts that match (through a patternIndex) and
// splits them: a text listed by few members (light) is read member by
// member; the set of texts listed by many (heavy) is looked up in a memo of
// what their union leaves, so that a text shared by thousands of members
// costs one look-up per query, not a pass over them.
type exclusionIndex struct {
	fold     bool
	texts    []string
	lists    [][]int32    // per text, the members listing it (member numbers, ascending)
	patterns patternIndex // texts by literal prefix, suffix or key
	byText   map[string]int32
	denies   []int32 // per member number, its Deny; ascending
	pending  [][2]int32
	// unordered: members were added out of Deny order, and finish sorts.
	unordered bool

	// The last query: the heavy texts' memo entry (nil: none matched),
	// the members a light text lists (marked with epoch), how many are
	// left.
	base     *heavyUnion
	marked   []int32
	mark     []uint32
	textMark []uint32
	epoch    uint32
	heavy    []int32
	left     int

	unions  map[string]*heavyUnion
	held    int
	visited int // list members read (see View.work)
}

// heavyUnion is what a set of heavy texts excludes: size members, and the
// others in order (left, made when first walked).
type heavyUnion struct {
	heavy []int32
	size  int
	left  []int32
	made  bool
}

// lightList is the longest list read member by member in every query (a
// variable so that TestNearMissDeniesAgree can make every list heavy).
var lightList = 64

// maxUnionsHeld bounds the member numbers the memo of heavy unions holds.
const maxUnionsHeld = 1 << 20

// grow makes room for n more patterns listed.
func (x *exclusionIndex) grow(n int) {
	x.texts = slices.Grow(x.texts, n)
	x.pending = slices.Grow(x.pending, n)
	x.patterns.grow(n)
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
		x.patterns.fold = x.fold
		x.patterns.add(text, j)
	}
	x.pending = append(x.pending, [2]int32{j, d})
	x.member(d)
}

// member adds Deny d, which may list no pattern.
func (x *exclusionIndex) member(d int32) {
	if n := len(x.denies); n > 0 && x.denies[n-1] > d {
		x.unordered = true
	}
	x.denies = append(x.denies, d)
}

// finish numbers the members in Deny order and sorts each text's list.
// Members added in Deny order (as the View adds them) are numbered in one
// pass, and each text's list comes out in order: no sort, no search.
func (x *exclusionIndex) finish() {
	if x.unordered {
		slices.Sort(x.denies)
	}
	x.denies = slices.Compact(x.denies)
	x.lists = make([][]int32, len(x.texts))
	m := 0
	for _, p := range x.pending {
		if x.unordered {
			m, _ = slices.BinarySearch(x.denies, p[1])
		} else {
			for x.denies[m] != p[1] {
				m++
			}
		}
		if l := x.lists[p[0]]; len(l) == 0 || l[len(l)-1] != int32(m) {
			x.lists[p[0]] = append(l, int32(m))
		}
	}
	x.pending = nil
	if x.unordered {
		for j, l := range x.lists {
			slices.Sort(l)
			x.lists[j] = slices.Compact(l)
		}
	}
	x.mark = make([]uint32, len(x.denies))
	x.textMark = make([]uint32, len(x.texts))
	x.unions = map[string]*heavyUnion{}
}

// notExcluding prepares eachLeft to walk the members none of whose
// patterns match any of texts, and returns how many they are. It costs
// the texts' prefix walks, the light lists that match and, once per set
// of heavy texts matched, their lists.
func (x *exclusionIndex) notExcluding(texts ...string) int {
	x.epoch++
	x.marked, x.heavy = x.marked[:0], x.heavy[:0]
	for _, t := range texts {
		x.patterns.walk(t, func(j int32) bool {
			if x.textMark[j] == x.epoch || !glob(x.texts[j], t, x.fold) {
				return false
			}
			x.textMark[j] = x.epoch
			if l := x.lists[j]; len(l) > lightList {
				x.heavy = append(x.heavy, j)
			} else {
				x.visited += len(l)
				for _, m := range l {
					if x.mark[m] != x.epoch {
						x.mark[m] = x.epoch
						x.marked = append(x.marked, m)
					}
				}
			}
			return false
		})
	}
	x.base = x.union(x.heavy)
	if x.base == nil {
		x.left = len(x.denies) - len(x.marked)
		return x.left
	}
	// The light lists exclude, besides the heavy ones, the members that
	// no heavy list holds.
	x.left = len(x.denies) - x.base.size
	for _, m := range x.marked {
		if !x.inHeavy(m) {
			x.left--
		}
	}
	return x.left
}

// inHeavy reports whether a heavy text of the last query lists member m.
func (x *exclusionIndex) inHeavy(m int32) bool {
	if x.base.made {
		_, found := slices.BinarySearch(x.base.left, m)
		return !found
	}
	x.visited += len(x.base.heavy)
	for _, j := range x.base.heavy {
		if _, found := slices.BinarySearch(x.lists[j], m); found {
			return true
		}
	}
	return false
}

// union returns the memo entry of the heavy texts hs (nil when none).
func (x *exclusionIndex) union(hs []int32) *heavyUnion {
	if len(hs) == 0 {
		return nil
	}
	slices.Sort(hs)
	key := make([]byte, 0, 4*len(hs))
	for _, j := range hs {
		key = binary.LittleEndian.AppendUint32(key, uint32(j))
	}
	if u, ok := x.unions[string(key)]; ok {
		return u
	}
	u := &heavyUnion{heavy: slices.Clone(hs)}
	if len(hs) == 1 {
		u.size = len(x.lists[hs[0]])
	} else {
		in := x.unionMarks(u)
		for _, b := range in {
			if b {
				u.size++
			}
		}
	}
	x.hold(u, len(hs))
	x.unions[string(key)] = u
	return u
}

// unionMarks marks the members one of u's texts lists.
func (x *exclusionIndex) unionMarks(u *heavyUnion) []bool {
	in := make([]bool, len(x.denies))
	x.visited += len(in)
	for _, j := range u.heavy {
		x.visited += len(x.lists[j])
		for _, m := range x.lists[j] {
			in[m] = true
		}
	}
	return in
}

// hold counts n more member numbers held by the memo, emptying it first
// when it would hold too many (u, being made, is kept by the query).
func (x *exclusionIndex) hold(u *heavyUnion, n int) {
	if x.held += n; x.held > maxUnionsHeld {
		clear(x.unions)
		x.held = n
	}
}

// eachLeft calls f for each Deny left by the last notExcluding, in order,
// until f returns true.
func (x *exclusionIndex) eachLeft(f func(int32) bool) bool {
	if x.left == 0 {
		return false
	}
	try := func(m int32) bool {
		x.visited++
		return x.mark[m] != x.epoch && f(x.denies[m])
	}
	if x.base == nil {
		for m := range int32(len(x.denies)) {
			if try(m) {
				return true
			}
		}
		return false
	}
	if u := x.base; !u.made {
		in := x.unionMarks(u)
		for m, b := range in {
			if !b {
				u.left = append(u.left, int32(m))
			}
		}
		u.made = true
		x.hold(u, len(u.left))
	}
	for _, m := range x.base.left {
		if try(m) {
			return true
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
