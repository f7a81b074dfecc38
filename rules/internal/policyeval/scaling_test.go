package policyeval

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/configward/configward/parsers/model"
)

// nearMissShapes are policies of n Allows and n Denies built so that every
// Deny passes an index's first filter for every Allow and refuses none
// (the policyeval side of the hostile iam-* cases): each Allow, and each
// Deny, is a statement of a function of i (deny nil: one Deny listing n
// Resource patterns, or n NotResource ARNs when the Allows' resources are
// globs).
var nearMissShapes = []struct {
	name        string
	allow, deny func(i int) *model.Statement
}{
	{"notaction", func(i int) *model.Statement {
		return allowOf([]string{"s3:GetObject"}, fmt.Sprintf("arn:aws:s3:::b%d/*", i))
	}, func(i int) *model.Statement {
		return &model.Statement{Effect: "Deny", EffectKnown: true, NotAction: known("s3:GetObject", fmt.Sprintf("sqs:SendMessage%d", i)), Resource: known("*")}
	}},
	{"notresource", func(i int) *model.Statement {
		return allowOf([]string{"s3:GetObject"}, fmt.Sprintf("arn:aws:s3:::b/k%d", i))
	}, func(i int) *model.Statement {
		return &model.Statement{Effect: "Deny", EffectKnown: true, Action: known("s3:*"), NotResource: known("arn:aws:s3:::b/*", fmt.Sprintf("arn:aws:s3:::x%d", i))}
	}},
	{"action", func(i int) *model.Statement {
		return allowOf([]string{"s3:GetObject"}, fmt.Sprintf("arn:aws:s3:::b%d/*", i))
	}, func(i int) *model.Statement {
		return &model.Statement{Effect: "Deny", EffectKnown: true, Action: known(fmt.Sprintf("s3:Get*Tagging%d", i)), Resource: known("*")}
	}},
	{"resource", func(i int) *model.Statement {
		return allowOf([]string{"s3:GetObject"}, fmt.Sprintf("arn:aws:s3:::bucket%d/k", i))
	}, func(i int) *model.Statement {
		return &model.Statement{Effect: "Deny", EffectKnown: true, Action: known("s3:*"), Resource: known(fmt.Sprintf("arn:aws:s3:::b*x%d", i))}
	}},
	// Patterns that start and end as every Allow's resource does.
	{"resource-prefix-suffix", func(i int) *model.Statement {
		return allowOf([]string{"s3:GetObject"}, fmt.Sprintf("arn:aws:s3:::bucket%d/kx", i))
	}, func(i int) *model.Statement {
		return &model.Statement{Effect: "Deny", EffectKnown: true, Action: known("s3:*"), Resource: known(fmt.Sprintf("arn:aws:s3:::b*/m%d*x", i))}
	}},
	// Distinct actions, each compared with the Denies once.
	{"action-distinct", func(i int) *model.Statement {
		return allowOf([]string{fmt.Sprintf("s3:GetObjectV%d", i)}, fmt.Sprintf("arn:aws:s3:::b%d/*", i))
	}, func(i int) *model.Statement {
		return &model.Statement{Effect: "Deny", EffectKnown: true, Action: known(fmt.Sprintf("s3:Get*Tagging%d", i)), Resource: known("*")}
	}},
	// One Deny (deny nil) with n resource patterns.
	{"deny-resource-list", func(i int) *model.Statement {
		return allowOf([]string{"s3:GetObject"}, fmt.Sprintf("arn:aws:s3:::bucket%d/k", i))
	}, nil},
	// One Deny of everything but n ARNs, against Allows on globs that
	// start as every ARN does and end otherwise, so that each overlaps
	// none and is refused (deny nil and the Allow's resource holding a
	// star).
	{"notresource-list-globs", func(i int) *model.Statement {
		return allowOf([]string{"s3:GetObject"}, fmt.Sprintf("arn:aws:s3:::b/*y%d", i))
	}, nil},
}

func known(texts ...string) []*model.Elem {
	out := make([]*model.Elem, len(texts))
	for i, t := range texts {
		out[i] = &model.Elem{Text: t, Known: true}
	}
	return out
}

func allowOf(actions []string, resources ...string) *model.Statement {
	return &model.Statement{Effect: "Allow", EffectKnown: true, Action: known(actions...), Resource: known(resources...)}
}

// nearMissWork asks, of each Allow of the shape at size n, whether it
// grants anything and whether its action is refused, and returns the
// view's work count.
func nearMissWork(t *testing.T, allow, deny func(int) *model.Statement, n int) int {
	p := buildShape(allow, deny, n)
	v := NewView(p)
	for _, s := range p.Statements {
		if s.IsAllow() {
			// A glob overlapping none of the NotResource ARNs is
			// refused; the others are refused nothing.
			covered := strings.Contains(s.Resource[0].Text, "*y")
			if nothing, why := v.GrantsNothing(s); nothing != covered {
				t.Fatalf("%s: grants nothing %v (%s)", s.Resource[0].Text, nothing, why)
			}
			if a := s.Action[0].Text; v.ActionDenied(s, a) != covered {
				t.Fatalf("%s: %s refused %v", s.Resource[0].Text, a, !covered)
			}
		}
	}
	return v.work()
}

// buildShape is the policy of a shape at size n.
func buildShape(allow, deny func(int) *model.Statement, n int) *model.Policy {
	p := &model.Policy{}
	for i := range n {
		p.Statements = append(p.Statements, allow(i))
		if deny != nil {
			p.Statements = append(p.Statements, deny(i))
		}
	}
	if deny == nil {
		d := &model.Statement{Effect: "Deny", EffectKnown: true, Action: known("s3:*")}
		for i := range n {
			if strings.Contains(allow(0).Resource[0].Text, "*") {
				d.NotResource = append(d.NotResource, known(fmt.Sprintf("arn:aws:s3:::b/k%d", i))...)
			} else {
				d.Resource = append(d.Resource, known(fmt.Sprintf("arn:aws:s3:::b*x%d", i))...)
			}
		}
		p.Statements = append(p.Statements, d)
	}
	return p
}

// TestNearMissScaling holds the view's indexes to issue 14's bound: from n
// to 4n Allows and Denies of a near-miss shape, the work (Denies compared,
// index entries and list members read: a count, not a time) grows at most
// 4.5 times. An index that compares each Allow with every Deny, or passes
// over a bitset of all the Denies per Allow, grows 16 times.
func TestNearMissScaling(t *testing.T) {
	const n = 400
	for _, sh := range nearMissShapes {
		small, large := nearMissWork(t, sh.allow, sh.deny, n), nearMissWork(t, sh.allow, sh.deny, 4*n)
		ratio := float64(large) / float64(small)
		t.Logf("%s: work %d at n=%d, %d at 4n: %.2fx", sh.name, small, n, large, ratio)
		if ratio > 4.5 {
			t.Errorf("%s: work grew %.2fx from n=%d to 4n (%d -> %d), over 4.5x", sh.name, ratio, n, small, large)
		}
	}
}

// TestNearMissAllocScaling holds the view's memory to the same bound: the
// bytes a view allocates answering every Allow of a near-miss shape (its
// indexes, lists and memos) grow at most 4.5 times from n to 4n. Lists
// grown by appends past a few thousand entries (Go grows them by a
// quarter) allocate about five times their size, and from n to 4n more
// of them grow that way: the view makes its long lists at their size.
func TestNearMissAllocScaling(t *testing.T) {
	const n = 3000
	for _, sh := range nearMissShapes {
		var bytes [2]uint64
		for k, size := range []int{n, 4 * n} {
			p := buildShape(sh.allow, sh.deny, size)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			v := NewView(p)
			for _, s := range p.Statements {
				if s.IsAllow() {
					v.GrantsNothing(s)
					v.ActionDenied(s, s.Action[0].Text)
				}
			}
			runtime.ReadMemStats(&after)
			bytes[k] = after.TotalAlloc - before.TotalAlloc
		}
		ratio := float64(bytes[1]) / float64(bytes[0])
		t.Logf("%s: %.2f MB at n=%d, %.2f MB at 4n: %.2fx", sh.name, float64(bytes[0])/1e6, n, float64(bytes[1])/1e6, ratio)
		if ratio > 4.5 {
			t.Errorf("%s: the view allocated %.2fx the bytes from n=%d to 4n (%d -> %d), over 4.5x", sh.name, ratio, n, bytes[0], bytes[1])
		}
	}
}
