package model

import "testing"

func obj(fields ...*Field) *Value   { return &Value{Kind: Object, Fields: fields} }
func fld(k string, v *Value) *Field { return &Field{Key: k, Value: v} }

func TestGetPathAndUnknownPropagation(t *testing.T) {
	unknown := NewUnknown("!If [IsProd, ...]", Range{})
	body := obj(
		fld("A", obj(fld("B", &Value{Kind: List, Items: []*Value{NewString("x", Range{})}}))),
		fld("U", unknown),
		fld("A", NewString("dup", Range{})),
	)
	if got := body.Get("A"); got.Str != "dup" {
		t.Errorf("the last duplicate key wins: %+v", got)
	}
	body.Fields = body.Fields[:2]
	if got, ok := body.Path("A", "B", "0").AsString(); !ok || got != "x" {
		t.Errorf("Path through a list = %q %v", got, ok)
	}
	if body.Path("A", "B", "7") != nil || body.Path("Missing", "X") != nil {
		t.Error("absent paths must be nil")
	}
	// A member of an unknown value is unknown, not absent.
	if got := body.Path("U", "S3KmsKeyArn"); !got.IsUnknown() {
		t.Errorf("member of unknown = %+v", got)
	}
	if got := unknown.Get("X"); got != unknown || unknown.GetFold("x") != unknown {
		t.Error("Get on an unknown returns the unknown")
	}
	var absent *Value
	if absent.Get("x") != nil || absent.Path("a") != nil || absent.IsKnown() || absent.IsUnknown() || !absent.IsNull() {
		t.Error("nil is absent")
	}
}

func TestScalars(t *testing.T) {
	for _, tc := range []struct {
		v      *Value
		b, ok  bool
		str    string
		strOK  bool
		length int
	}{
		{NewBool(true, Range{}), true, true, "true", true, 1},
		{NewString("False", Range{}), false, true, "False", true, 1},
		{NewString("yes", Range{}), false, false, "yes", true, 1},
		{NewNumber("12", Range{}), false, false, "12", true, 1},
		{NewUnknown("var.x", Range{}), false, false, "", false, 1},
		{&Value{Kind: List, Items: []*Value{NewNull(Range{}), NewNull(Range{})}}, false, false, "", false, 2},
	} {
		b, ok := tc.v.AsBool()
		s, sok := tc.v.AsString()
		if b != tc.b || ok != tc.ok || s != tc.str || sok != tc.strOK || len(tc.v.Elements()) != tc.length {
			t.Errorf("%s %q: AsBool %v %v, AsString %q %v, Elements %d", tc.v.Kind, tc.v.Str, b, ok, s, sok, len(tc.v.Elements()))
		}
	}
}

func TestHasUnknownAndKeyRange(t *testing.T) {
	kr := Range{Filename: "f", Start: Pos{Line: 3, Column: 2}}
	v := obj(&Field{Key: "k", KeyRange: kr, Value: &Value{Kind: List, Items: []*Value{NewUnknown("x", Range{})}}})
	if !v.HasUnknown() || obj().HasUnknown() {
		t.Error("HasUnknown")
	}
	if v.KeyRangeOf("k") != kr {
		t.Error("KeyRangeOf present key")
	}
}

func TestFirst(t *testing.T) {
	a, b := NewString("a", Range{}), NewString("b", Range{})
	u := NewUnknown("dynamic", Range{})
	for _, tc := range []struct {
		in, want *Value
	}{
		{nil, nil},
		{&Value{Kind: List}, nil},
		{&Value{Kind: List, Items: []*Value{a, b}}, a},
		{a, a},
		{u, u},
	} {
		if got := First(tc.in); got != tc.want {
			t.Errorf("First(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
