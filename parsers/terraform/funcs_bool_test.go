package terraform

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func TestAllTrueAnyTrue(t *testing.T) {
	u := cty.UnknownVal(cty.Bool)
	for _, tc := range []struct {
		name    string
		in      []cty.Value
		all, an cty.Value
	}{
		{"empty", nil, cty.True, cty.False},
		{"all true", []cty.Value{cty.True, cty.True}, cty.True, cty.True},
		{"one false", []cty.Value{cty.True, cty.False}, cty.False, cty.True},
		{"null counts as false", []cty.Value{cty.NullVal(cty.Bool)}, cty.False, cty.False},
		{"unknown, no decisive", []cty.Value{cty.True, u}, u, cty.True},
		{"unknown and false", []cty.Value{u, cty.False}, cty.False, u},
	} {
		list := cty.ListValEmpty(cty.Bool)
		if len(tc.in) > 0 {
			list = cty.ListVal(tc.in)
		}
		for fn, want := range map[string]cty.Value{"alltrue": tc.all, "anytrue": tc.an} {
			f := allTrueFunc()
			if fn == "anytrue" {
				f = anyTrueFunc()
			}
			got, err := f.Call([]cty.Value{list})
			if err != nil {
				t.Fatalf("%s %s: %v", fn, tc.name, err)
			}
			if got.IsKnown() != want.IsKnown() || (want.IsKnown() && !got.RawEquals(want)) {
				t.Errorf("%s(%s) = %#v, want %#v", fn, tc.name, got, want)
			}
		}
	}
}
