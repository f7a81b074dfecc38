package policyeval

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/configward/configward/parsers/model"
)

// longListShapes are policies of one Allow whose own Resource (or
// Principal) list is n long against n Denies, each with its own pattern,
// built so that a Deny compared resource by resource with the Allow is
// refused only late in the list (the policyeval side of the hostile
// iam-allow-* cases). want is GrantsNothing's answer.
var longListShapes = []struct {
	name string
	gen  func(n int) *model.Policy
	want bool
}{
	// Deny i on bucket i's objects, the Allow on every bucket's: each
	// Deny covers one resource of n.
	{"own", func(n int) *model.Policy {
		return longListPolicy(n, func(a *model.Statement, i int) *model.Statement {
			a.Resource = append(a.Resource, known(fmt.Sprintf("arn:aws:s3:::b%d/*", i))...)
			return denyOf(known(fmt.Sprintf("arn:aws:s3:::b%d/*", i)), nil)
		})
	}, false},
	// Every Deny's first pattern matches every resource of the Allow but
	// the last, which each Deny's pattern of its own misses, but the last
	// Deny's: it names it, and covers the Allow.
	{"late", func(n int) *model.Policy {
		return longListPolicy(n, func(a *model.Statement, i int) *model.Statement {
			r, own := fmt.Sprintf("arn:aws:s3:::b%dmk", i), fmt.Sprintf("arn:aws:s3:::z%d", i)
			if i == n-1 {
				r, own = "arn:aws:s3:::bxk", "arn:aws:s3:::bxk"
			}
			a.Resource = append(a.Resource, known(r)...)
			return denyOf(known("arn:aws:s3:::b*m*k", own), nil)
		})
	}, true},
	// Deny i of everything but one object of bucket i, which overlaps
	// the Allow's glob on bucket i; the last Deny's overlaps none.
	{"notresource", func(n int) *model.Policy {
		return longListPolicy(n, func(a *model.Statement, i int) *model.Statement {
			a.Resource = append(a.Resource, known(fmt.Sprintf("arn:aws:s3:::b%d/*x", i))...)
			if i == n-1 {
				return denyOf(nil, known("arn:aws:s3:::c/zx"))
			}
			return denyOf(nil, known(fmt.Sprintf("arn:aws:s3:::b%d/zx", i)))
		})
	}, true},
	// Each Deny refused by a resource of its own: the Allow's resources
	// are b and 16 binary digits, Deny i covers every other name of that
	// form (a prefix glob per digit), so that no resource refuses two.
	{"refusers", func(n int) *model.Policy {
		return longListPolicy(n, func(a *model.Statement, i int) *model.Statement {
			bits := fmt.Sprintf("%016b", i)
			a.Resource = append(a.Resource, known("arn:aws:s3:::b"+bits)...)
			globs := make([]string, len(bits))
			for j := range bits {
				globs[j] = "arn:aws:s3:::b" + bits[:j] + string('0'+'1'-bits[j]) + "*"
			}
			return denyOf(known(globs...), nil)
		})
	}, false},
	// refusers with the globs' stars followed by ? or by the k each name
	// ends with, and a glob that selects every name and matches none.
	{"tails", func(n int) *model.Policy {
		return longListPolicy(n, func(a *model.Statement, i int) *model.Statement {
			bits := fmt.Sprintf("%016b", i)
			a.Resource = append(a.Resource, known("arn:aws:s3:::b"+bits+"k")...)
			return denyOf(known(tailGlobs(bits)...), nil)
		})
	}, false},
	// Denies whose one glob covers every resource of the Allow but whose
	// action, a near miss of the Allow's, does not match it; as many of
	// that action elsewhere, so that the Denies are found by resource.
	{"covered", func(n int) *model.Policy {
		p := longListPolicy(n, func(a *model.Statement, i int) *model.Statement {
			a.Resource = append(a.Resource, known(fmt.Sprintf("arn:aws:s3:::b%d/k", i))...)
			d := denyOf(known("arn:aws:s3:::b*"), nil)
			d.Action = known("s3:GetOb*ject*t")
			return d
		})
		for i := range n {
			d := denyOf(known(fmt.Sprintf("arn:aws:s3:::z%d", i)), nil)
			d.Action = known("s3:GetOb*ject*t")
			p.Statements = append(p.Statements, d)
		}
		return p
	}, false},
	// A resource policy: the Allow names n roles, each Deny the first
	// and one of its own.
	{"principals", func(n int) *model.Policy {
		p := longListPolicy(n, func(a *model.Statement, i int) *model.Statement {
			a.Resource = known("*")
			a.Principal = append(a.Principal, awsPrincipal(i))
			d := denyOf(known("*"), nil)
			d.Principal = []*model.Principal{awsPrincipal(0), awsPrincipal(i)}
			return d
		})
		p.Kind = model.ResourcePolicy
		return p
	}, false},
}

// tailGlobs are the patterns of the tails shape's Deny for a name's
// digits: one per digit, ending "*k" or "*?" in turn, and "b*x".
func tailGlobs(bits string) []string {
	globs := []string{"arn:aws:s3:::b*x"}
	for j := range bits {
		globs = append(globs, "arn:aws:s3:::b"+bits[:j]+string('0'+'1'-bits[j])+[]string{"*k", "*?"}[j%2])
	}
	return globs
}

func awsPrincipal(i int) *model.Principal {
	return &model.Principal{Type: "AWS", Value: &model.Elem{Text: fmt.Sprintf("arn:aws:iam::111122223333:role/r%d", i), Known: true}}
}

func denyOf(resource, notResource []*model.Elem) *model.Statement {
	return &model.Statement{Effect: "Deny", EffectKnown: true, Action: known("s3:*"), Resource: resource, NotResource: notResource}
}

// longListPolicy is one Allow of s3:GetObject, to which deny(a, i) adds
// what it needs, followed by the n Denies it returns.
func longListPolicy(n int, deny func(a *model.Statement, i int) *model.Statement) *model.Policy {
	a := &model.Statement{Effect: "Allow", EffectKnown: true, Action: known("s3:GetObject")}
	p := &model.Policy{Statements: []*model.Statement{a}}
	for i := range n {
		p.Statements = append(p.Statements, deny(a, i))
	}
	return p
}

// TestLongListScaling holds the view to issue 14's bound for an Allow's
// own long list: from n to 4n resources (or principals) and Denies, the
// work (Denies compared, patterns and index entries read) grows at most
// 4.5 times, and the answer is the all-pairs one. Comparing each Deny with
// the Allow's resources one by one grows 16 times.
func TestLongListScaling(t *testing.T) {
	const n = 400
	for _, sh := range longListShapes {
		var work [2]int
		for k, size := range []int{n, 4 * n} {
			p := sh.gen(size)
			v := NewView(p)
			if got, _ := v.GrantsNothing(p.Statements[0]); got != sh.want {
				t.Fatalf("%s at %d: grants nothing %v, want %v", sh.name, size, got, sh.want)
			}
			if want, _ := refNewView(p).GrantsNothing(p.Statements[0]); want != sh.want {
				t.Fatalf("%s at %d: the all-pairs view says %v", sh.name, size, want)
			}
			work[k] = v.work()
		}
		ratio := float64(work[1]) / float64(work[0])
		t.Logf("%s: work %d at n=%d, %d at 4n: %.2fx", sh.name, work[0], n, work[1], ratio)
		if ratio > 4.5 {
			t.Errorf("%s: work grew %.2fx from n=%d to 4n (%d -> %d), over 4.5x", sh.name, ratio, n, work[0], work[1])
		}
	}
}

// TestLongListAgrees: Allows with long Resource lists (globs and ARNs,
// past smallList) against many Denies with short and long Resource and
// NotResource lists: the view, which tries a Deny first on the resources
// that refused the last ones and looks a NotResource list up in the
// Allow's list, answers as the all-pairs one.
func TestLongListAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 7))
	resources := []string{"arn:aws:s3:::b/k", "arn:aws:s3:::b/*", "arn:aws:s3:::b", "arn:aws:s3:::c/k", "*", "arn:aws:s3:::b/?", "arn:aws:s3:::B/k", "arn:aws:s3:::b/k*", "arn:aws:s3:::b*k", "arn:aws:s3:::*/k", "arn:aws:s3:::b?k", "arn:aws:s3:::b*x", "arn:aws:s3:::b/kx", "arn:aws:s3:::bmk", "arn:aws:s3:::b*m*k", "arn:aws:s3:::c*", "arn:aws:s3:::c/zx", "arn:aws:s3:::*x",
		"arn:aws:s3:::b/**", "arn:aws:s3:::b/*?", "arn:aws:s3:::b/k ", "arn:aws:s3:::", "arn:aws:s3:::b/k/*", "arn:aws:s3:::c/*", "arn:aws:s3:::b/kk", "arn:aws:s3:::b/"}
	pick := func(n int) []*model.Elem {
		out := []*model.Elem{}
		for range n {
			out = append(out, &model.Elem{Text: resources[rng.IntN(len(resources))], Known: rng.IntN(40) != 0})
		}
		return out
	}
	checked, refused := 0, 0
	for round := range 1500 {
		p := &model.Policy{}
		for range 1 + rng.IntN(30) {
			n := 1 + rng.IntN(3)
			if rng.IntN(5) == 0 {
				n = smallList + 1 + rng.IntN(12)
			}
			d := &model.Statement{Effect: "Deny", EffectKnown: true, Action: known([]string{"s3:*", "s3:GetObject", "*"}[rng.IntN(3)])}
			if rng.IntN(3) == 0 {
				d.NotResource = pick(n)
			} else {
				d.Resource = pick(n)
			}
			p.Statements = append(p.Statements, d)
		}
		for range 1 + rng.IntN(3) {
			n := smallList + 1 + rng.IntN(24)
			if rng.IntN(4) == 0 {
				n = 1 + rng.IntN(smallList)
			}
			p.Statements = append(p.Statements, &model.Statement{Effect: "Allow", EffectKnown: true, Action: known("s3:GetObject"), Resource: pick(n)})
		}
		c, r := deniedAgree(t, round, p, []string{"s3:GetObject", "s3:Get*", "s3:PutObject"}, func(s *model.Statement) bool { return !s.IsAllow() })
		checked, refused = checked+c, refused+r
	}
	t.Logf("%d answers agree, %d refusals", checked, refused)
}

// TestRangesAgree: an Allow's long list of short names (some lists
// sharing a suffix) against Denies of a few short patterns (prefix globs,
// exact names, ? and stars, literal suffixes, so that the ranges of its
// resources that coversByRanges selects by literal prefix both decide and
// leave resources to compare): the view answers as the all-pairs one.
func TestRangesAgree(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 4))
	word := func(alphabet string, n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	checked, refused := 0, 0
	for round := range 6000 {
		p := &model.Policy{}
		for range 1 + rng.IntN(6) {
			var pats []string
			for range 1 + rng.IntN(6) {
				switch rng.IntN(4) {
				case 0:
					pats = append(pats, word("ab", rng.IntN(3))+"*")
				case 1:
					pats = append(pats, word("ab", rng.IntN(4)))
				default:
					pats = append(pats, word("ab*?", 1+rng.IntN(4)))
				}
			}
			p.Statements = append(p.Statements, denyOf(known(pats...), nil))
		}
		var names []string
		tail := []string{"", "a", "b", "ab"}[rng.IntN(4)] // ranges that share a suffix
		for range smallList + 1 + rng.IntN(12) {
			names = append(names, word("ab", rng.IntN(4))+tail)
		}
		a := &model.Statement{Effect: "Allow", EffectKnown: true, Action: known("s3:GetObject"), Resource: known(names...)}
		p.Statements = append(p.Statements, a)
		g, w := NewView(p).ActionDenied(a, "s3:GetObject"), refNewView(p).ActionDenied(a, "s3:GetObject")
		if g != w {
			t.Fatalf("round %d: ActionDenied = %v, want %v\n%s", round, g, w, dump(p))
		}
		checked++
		if g {
			refused++
		}
	}
	t.Logf("%d answers agree, %d refusals", checked, refused)
	if refused < checked/10 || refused > checked*9/10 {
		t.Errorf("%d refusals of %d: the policies test one answer only", refused, checked)
	}
}
