package jsonvalue

import (
	"reflect"
	"strings"
	"testing"

	"github.com/configward/configward/parsers/model"
)

// eachDocs are documents ParseEach must read as Parse does: lists under
// top-level keys with nested objects, lists, escapes and duplicate keys
// inside their elements, a BOM, a top-level list (whose lists are not
// handed over) and broken documents.
var eachDocs = []string{
	`{"S": [{"a": 1, "b": [true, null, {"c": "x\u00e9"}]}, "s", [1, [2]], {"a": 1, "a": 2}], "T": {"S": [1, 2]}, "U": []}`,
	"\xEF\xBB\xBF{\"V\": \"2012\",\r\n \"S\": [\n{\"k\": \"v\"},\n {\"k\": [\"w\", \"x\"]}],\n \"S\": [3]}",
	`[[{"a": 1}], {"S": [1, 2]}]`,
	`{"S": [{"a": 1}, {"b": [1, 2, 3]}, {"c": }]}`,
	`{"S": [{"a": 1}, {"b": "x"}], "W": [{"d": 1}, {"d": 2}]`,
	`{"S": [` + strings.Repeat(`{"e": "Allow", "r": ["a", "b"]}, `, 100) + `{}]}`,
}

// TestParseEachAgrees: every element ParseEach hands over is the element
// Parse's tree holds at its place, whether the elements before it were
// kept or dropped (their nodes reused); the tree returned is Parse's with
// the dropped elements left out; diagnostics are the same.
func TestParseEachAgrees(t *testing.T) {
	for _, src := range eachDocs {
		want, wantDiags := Parse("f.json", []byte(src))
		// The elements to be handed over, in document order.
		type elem struct {
			key   string
			index int
			v     *model.Value
		}
		var elems []elem
		for _, f := range fieldsOf(want) {
			if f.Value.Kind == model.List {
				for i, it := range f.Value.Items {
					elems = append(elems, elem{f.Key, i, it})
				}
			}
		}
		for _, dropKey := range []string{"", "S", "W"} {
			n := 0
			got, diags := ParseEach("f.json", []byte(src), func(key string, i int, v *model.Value) bool {
				n++
				if want == nil {
					return key != dropKey // broken: only the diagnostics are compared
				}
				if n > len(elems) || elems[n-1].key != key || elems[n-1].index != i || !reflect.DeepEqual(v, elems[n-1].v) {
					t.Errorf("%q: element %d handed over as %s[%d] %+v, not as Parse reads it", src, n, key, i, v)
				}
				return key != dropKey
			})
			if !reflect.DeepEqual(diags, wantDiags) {
				t.Errorf("%q (dropping %q): diagnostics %v, want %v", src, dropKey, diags, wantDiags)
			}
			if want == nil {
				if got != nil {
					t.Errorf("%q: a tree for a broken document", src)
				}
				continue
			}
			if n != len(elems) {
				t.Errorf("%q: %d elements handed over, want %d (those of the top-level object's lists)", src, n, len(elems))
			}
			if !reflect.DeepEqual(got, keptTree(want, dropKey)) {
				t.Errorf("%q (dropping %q): tree differs from Parse's without the dropped elements", src, dropKey)
			}
		}
	}
}

func fieldsOf(v *model.Value) []*model.Field {
	if v == nil || v.Kind != model.Object {
		return nil
	}
	return v.Fields
}

// keptTree is a copy of Parse's tree v without the elements of the
// top-level lists under key.
func keptTree(v *model.Value, key string) *model.Value {
	if v.Kind != model.Object || key == "" {
		return v
	}
	c := *v
	c.Fields = make([]*model.Field, len(v.Fields))
	for i, f := range v.Fields {
		nf := *f
		if f.Key == key && f.Value.Kind == model.List {
			l := *f.Value
			l.Items = []*model.Value{}
			nf.Value = &l
		}
		c.Fields[i] = &nf
	}
	return &c
}

// TestAllocParseEach: the nodes of the elements dropped serve the
// elements after them, so a list of n small objects read one at a time
// costs the nodes of about one, not n (each object's own slice of fields
// aside).
func TestAllocParseEach(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes what allocates")
	}
	const n = 2000
	var b strings.Builder
	b.WriteString(`{"Statement": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::b/k", "arn:aws:s3:::c/k"]}`)
	}
	b.WriteString("]}")
	src := []byte(b.String())
	bytes := func(parse func() *model.Value) float64 {
		return float64(testing.Benchmark(func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if parse() == nil {
					b.Fatal("parse failed")
				}
			}
		}).AllocedBytesPerOp()) / n
	}
	whole := bytes(func() *model.Value { v, _ := Parse("p.json", src); return v })
	each := bytes(func() *model.Value {
		v, _ := ParseEach("p.json", src, func(string, int, *model.Value) bool { return false })
		return v
	})
	t.Logf("bytes a statement: %.0f as a tree, %.0f handed over one at a time", whole, each)
	// A statement's tree: 6 values (176 bytes each), 3 fields (88), a
	// slice of fields and one of items, its strings (about 50 bytes of
	// text): over 1,500 bytes. Dropped, the slices and the text are its
	// own, about 110 bytes.
	if each > 160 {
		t.Errorf("%.0f bytes a statement handed over and dropped, want at most 160 (%.0f in a tree)", each, whole)
	}
}
