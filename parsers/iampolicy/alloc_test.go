package iampolicy

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// resourceLists is a policy of three statements of n resource ARNs each
// (the shape of the hostile iam-notresource-lists input).
func resourceLists(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"Version": "2012-10-17", "Statement": [`)
	for s, elem := range []string{"Resource", "NotResource", "Resource"} {
		if s > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"Effect": "Allow", "Action": "s3:*", %q: [`, elem)
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, `"arn:aws:s3:::%c%d/*"`, 'b'+s, i)
		}
		b.WriteString("]}")
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// TestAllocResourceLists bounds what a list of strings costs from the
// file to the model: a share of a few blocks (the JSON parser's values and
// texts, the model's elements), not an allocation of its own. Each string
// read into its own allocation, each element allocated on its own and a
// slice grown by appends cost two allocations a string (18,377 here
// before, 378 now), and the model's elements stay live while rules run.
func TestAllocResourceLists(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what allocates")
	}
	const n = 3000
	src := resourceLists(n)
	allocs := testing.AllocsPerRun(3, func() {
		u, ok := ParseFile("p.json", src)
		if !ok || len(u.Policies) != 1 || len(u.Policies[0].Statements) != 3 || len(u.Policies[0].Statements[1].NotResource) != n {
			t.Fatalf("parse: ok %v, %+v", ok, u)
		}
	})
	t.Logf("%.0f allocations for %d strings", allocs, 3*n)
	if limit := 3 * n / 8; allocs > float64(limit) {
		t.Errorf("%.0f allocations for %d strings, want at most %d", allocs, 3*n, limit)
	}
}

// TestAllocLiveResourceLists bounds the heap a parsed policy keeps per string
// element while rules run: its element in a block (128 bytes, its small
// fields in one word), a pointer to it and its share of a block of text:
// 133 bytes here, where an element of its own in the 144-byte size class,
// a slice grown by appends and a string of its own kept 152.
func TestAllocLiveResourceLists(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what allocates")
	}
	const n = 3000
	src := resourceLists(n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	u, ok := ParseFile("p.json", src)
	runtime.GC()
	runtime.ReadMemStats(&after)
	if !ok || len(u.Policies) != 1 {
		t.Fatalf("parse: ok %v", ok)
	}
	runtime.KeepAlive(u)
	perElem := float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (3 * n)
	t.Logf("%.0f bytes live per string element", perElem)
	if perElem > 140 {
		t.Errorf("%.0f bytes live per string element, want at most 140", perElem)
	}
}
