package terraform

import (
	"testing"

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
