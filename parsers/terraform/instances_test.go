package terraform

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zclconf/go-cty/cty"
)

// TestUnmarkDeepAgreesWithCty: unmarkDeep gives what cty's UnmarkDeep gives
// (same value, same marks: none) for values with and without marks at
// every depth, unknown ones and ones holding unknowns.
func TestUnmarkDeepAgreesWithCty(t *testing.T) {
	s := cty.StringVal
	m := func(v cty.Value) cty.Value { return v.Mark(sensitiveMark) }
	obj := func(k string, v cty.Value) cty.Value { return cty.ObjectVal(map[string]cty.Value{k: v}) }
	vals := []cty.Value{
		cty.NumberIntVal(3), m(cty.NumberIntVal(3)), s("a"), cty.NullVal(cty.Map(cty.String)),
		cty.DynamicVal, m(cty.DynamicVal), cty.UnknownVal(cty.Map(cty.String)),
		cty.MapVal(map[string]cty.Value{"a": s("x"), "b": s("y")}),
		cty.MapVal(map[string]cty.Value{"a": s("x"), "b": m(s("y"))}),
		cty.MapVal(map[string]cty.Value{"a": s("x"), "b": cty.UnknownVal(cty.String)}),
		m(cty.MapVal(map[string]cty.Value{"a": s("x")})),
		obj("a", obj("b", s("x"))), obj("a", obj("b", m(s("x")))), obj("a", m(obj("b", s("x")))),
		obj("a", cty.ListVal([]cty.Value{s("x"), m(s("y"))})),
		cty.TupleVal([]cty.Value{s("x"), obj("b", m(cty.True))}),
		cty.SetVal([]cty.Value{s("x"), s("y")}), cty.SetVal([]cty.Value{s("x"), m(s("y"))}),
		cty.SetVal([]cty.Value{s("x"), cty.UnknownVal(cty.String)}),
		cty.ListValEmpty(cty.String), cty.EmptyObjectVal,
	}
	for i, v := range vals {
		want, _ := v.UnmarkDeep()
		got := unmarkDeep(v)
		if !got.RawEquals(want) || got.ContainsMarked() {
			t.Errorf("value %d: unmarkDeep(%#v) = %#v, want %#v", i, v, got, want)
		}
	}
}

// TestMissingArgumentsInNameOrder: a module call is told of each variable
// without a default that it leaves unset, in name order (once: each
// instance reports the same problem at the same place), and of none it
// sets or that has a default.
func TestMissingArgumentsInNameOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"main.tf":     {Data: []byte("module \"m\" {\n  source = \"./mod\"\n  count  = 2\n  c      = 1\n}\n")},
		"mod/main.tf": {Data: []byte("variable \"zeta\" {}\nvariable \"c\" {}\nvariable \"alpha\" {}\nvariable \"d\" {\n  default = 1\n}\n")},
	}
	u := ParseModule(fsys, ".", Options{})
	var got []string
	for _, d := range u.Diagnostics {
		if d.Summary == "Missing required argument" {
			got = append(got, d.Detail)
		}
	}
	want := []string{
		`The module "m" needs a value for its input variable "alpha", which has no default; it is unknown.`,
		`The module "m" needs a value for its input variable "zeta", which has no default; it is unknown.`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTooBigCountsEveryValue: a value is too big when its strings' bytes
// plus its values, nested at any depth in objects, maps, lists and
// tuples, are over maxValueSize, and not at maxValueSize.
func TestTooBigCountsEveryValue(t *testing.T) {
	// An object of a string, a list of two strings and a map of one:
	// 1 (object) + 1+n (string) + 1+2*(1+1) (list) + 1+(1+1) (map) = n+10.
	at := func(n int) cty.Value {
		return cty.ObjectVal(map[string]cty.Value{
			"s": cty.StringVal(strings.Repeat("x", n)),
			"l": cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}),
			"m": cty.MapVal(map[string]cty.Value{"k": cty.StringVal("v")}),
		})
	}
	n := maxValueSize - 10
	if tooBig(at(n)) {
		t.Errorf("a value of exactly maxValueSize is too big")
	}
	if !tooBig(at(n + 1)) {
		t.Errorf("a value of maxValueSize+1 is not too big")
	}
	if !tooBig(cty.TupleVal([]cty.Value{cty.True, at(n)})) {
		t.Errorf("the same value one level deeper, in a tuple, is not too big")
	}
}
