package jsonvalue

import (
	"strings"
	"testing"
)

// templateLike is n resources shaped as a CloudFormation template writes
// them: small objects of a few keys, one short list.
func templateLike(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"Resources": {`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"R` + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + `": {"Type": "AWS::S3::Bucket", "Properties": {"A": 1, "B": true, "C": null, "D": ["x", "y"]}}`)
	}
	b.WriteString("}}")
	return []byte(b.String())
}

// TestAllocParse bounds what a document's tree costs: values and fields
// come from slabs, string values from blocks of text, each collection
// takes one slice and a key read before is not made again, so a resource
// costs its collections' slices (4.8 allocations here; 7.7 with a string
// each), not one or more a node and one a key (33 before).
func TestAllocParse(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what allocates")
	}
	const n = 200
	src := templateLike(n)
	allocs := testing.AllocsPerRun(5, func() {
		if v, d := Parse("t.json", src); v == nil || len(d) != n-26*7 {
			t.Fatalf("parse: %v, %d diagnostics", v, len(d))
		}
	})
	t.Logf("%.0f allocations for %d resources", allocs, n)
	if allocs > 6*n {
		t.Errorf("%.0f allocations for %d resources, want at most %d", allocs, n, 6*n)
	}
}

func BenchmarkParseTemplateLike(b *testing.B) {
	src := templateLike(200)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Parse("t.json", src)
	}
}
