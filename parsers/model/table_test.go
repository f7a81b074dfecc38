package model

import "testing"

// TestLookup: a dotted path through objects and lists, a single value
// where a list is allowed, an index past the end, an unknown on the way;
// and following a path allocates nothing (tables look up every property
// of every resource).
func TestLookup(t *testing.T) {
	leaf := NewString("v", Range{})
	unknown := NewUnknown("var.x", Range{})
	obj := func(k string, v *Value) *Value {
		return &Value{Kind: Object, Fields: []*Field{{Key: k, Value: v}}}
	}
	list := func(items ...*Value) *Value { return &Value{Kind: List, Items: items} }
	body := &Value{Kind: Object, Fields: []*Field{
		{Key: "Rules", Value: list(obj("Id", NewString("first", Range{})), obj("Id", leaf))},
		{Key: "Single", Value: obj("Id", leaf)},
		{Key: "Later", Value: unknown},
	}}
	cases := []struct {
		path string
		want *Value
		ok   bool
	}{
		{"Rules.1.Id", leaf, true},
		{"Rules.Id", body.Fields[0].Value.Items[0].Fields[0].Value, true}, // the first item
		{"Rules.2.Id", nil, false},
		{"Single.0.Id", leaf, true},
		{"Later.a.b", unknown, true},
		{"Missing", nil, false},
		{"", body, true},
	}
	for _, c := range cases {
		got, _, ok := lookup(body, c.path)
		if got != c.want || ok != c.ok {
			t.Errorf("%q: got %v %v, want %v %v", c.path, got, ok, c.want, c.ok)
		}
	}
	if n := testing.AllocsPerRun(100, func() { lookup(body, "Rules.1.Id") }); n != 0 {
		t.Errorf("lookup allocates %.0f times, want none", n)
	}
}
