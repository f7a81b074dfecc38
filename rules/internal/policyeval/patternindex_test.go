package policyeval

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/configward/configward/rules/internal/iamactions"
)

// TestPatternIndexAgrees: for random patterns (literal pieces of a small
// alphabet, stars and question marks, upper and lower case) and texts,
// walk visits every value whose pattern matches the text (Glob, or
// GlobFold when folded), on whichever side it takes, and size counts what
// walk visits.
func TestPatternIndexAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 3))
	defer func(n int) { fewCandidates = n }(fewCandidates)
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte("abAB:/é"[rng.IntN(7)])
		}
		return b.String()
	}
	pattern := func() string {
		var b strings.Builder
		if rng.IntN(3) == 0 {
			b.WriteByte('*') // no literal prefix: only the suffix or a key tells
		}
		for range 1 + rng.IntN(4) {
			b.WriteString(word(rng.IntN(7)))
			if rng.IntN(3) > 0 {
				b.WriteByte("**?"[rng.IntN(3)])
			}
		}
		return b.String()
	}
	matched, visitedAll := 0, 0
	sides := [3]int{}
	for round := range 600 {
		fewCandidates = []int{8, 0, 2}[round%3]
		x := &patternIndex{fold: round%2 == 0}
		var pats []string
		for i := range 1 + rng.IntN(40) {
			p := pattern()
			pats = append(pats, p)
			x.add(p, int32(i))
			if rng.IntN(4) == 0 { // a value under two patterns
				p2 := pattern()
				pats[i] = p + "\x00" + p2
				x.add(p2, int32(i))
			}
		}
		for range 20 {
			text := word(rng.IntN(16))
			if rng.IntN(2) == 0 {
				text = strings.NewReplacer("*", word(rng.IntN(3)), "?", "a").Replace(pats[rng.IntN(len(pats))])
				text = strings.ReplaceAll(text, "\x00", "")
			}
			n := x.size(text)
			seen := map[int32]bool{}
			visits := 0
			x.walk(text, func(v int32) bool {
				seen[v] = true
				visits++
				return false
			})
			sides[x.lastSide]++
			if visits != n {
				t.Fatalf("round %d: size(%q) = %d, walk visits %d", round, text, n, visits)
			}
			if len(seen) == len(pats) {
				visitedAll++
			}
			for i, ps := range pats {
				for _, p := range strings.Split(ps, "\x00") {
					m := iamactions.Glob(p, text)
					if x.fold {
						m = iamactions.GlobFold(p, text)
					}
					if m && !seen[int32(i)] {
						t.Fatalf("round %d (fold %v, side %d): %q matches %q, not visited", round, x.fold, x.lastSide, p, text)
					}
					if m {
						matched++
					}
				}
			}
		}
	}
	t.Logf("%d matches visited; %d of 12000 walks visited every value; walks by prefix, suffix, key: %v", matched, visitedAll, sides)
	if sides[sideKey] < 1000 || sides[sideSuffix] < 50 {
		t.Errorf("walks by prefix, suffix, key: %v; want each side taken", sides)
	}
}
