// Package model is configward's common model of infrastructure code: a
// syntax-neutral value tree with source ranges, normalized policy documents and
// typed entities. It imports nothing else from the project, so every parser and
// every rule can depend on it.
package model

import (
	"strconv"
	"strings"
)

// Pos is a position in a source file. Line and Column are 1-based and Column
// counts Unicode code points; Byte is the 0-based byte offset.
type Pos struct {
	Line, Column, Byte int
}

// Range is a span of a source file. Filename is relative to the scan root and
// uses forward slashes. End is exclusive.
type Range struct {
	Filename   string
	Start, End Pos
}

// IsZero reports whether the range was never set.
func (r Range) IsZero() bool { return r.Filename == "" && r.Start.Line == 0 }

// Kind is the kind of a Value.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	List
	Object
	// Unknown is a value that cannot be known offline: an unresolved
	// intrinsic, a Terraform reference to a computed attribute, an unset
	// variable. Rules never report on what they cannot know.
	Unknown
)

func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "bool"
	case Number:
		return "number"
	case String:
		return "string"
	case List:
		return "list"
	case Object:
		return "object"
	case Unknown:
		return "unknown"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Hint says what an unknown value is known to be, even though its exact
// content is not: "this account" for !Ref AWS::AccountId or
// data.aws_caller_identity.x.account_id. A condition on such a value is
// scoped to the deploying account.
type Hint uint8

const (
	NoHint Hint = iota
	ThisAccount
	ThisRegion
	ThisPartition
)

// Ref names the resource an unknown value refers to, so that rules and
// linkers can follow it: CloudFormation !Ref/!GetAtt, Terraform
// aws_s3_bucket.b.arn.
type Ref struct {
	// Target is the address of the referenced resource in its unit: a
	// CloudFormation logical id or a Terraform address such as
	// "aws_s3_bucket.logs" (module prefix included).
	Target string
	// Attr is the attribute read from it ("Arn", "id"); empty for a plain Ref.
	Attr string
}

// Value is one node of the syntax-neutral tree. A nil *Value means "absent":
// every accessor accepts a nil receiver.
type Value struct {
	Kind Kind
	// Hint says what an Unknown value is known to be (see Reason below).
	Hint Hint
	// Sensitive marks a value that must never be printed (NoEcho parameters,
	// sensitive variables).
	Sensitive bool
	// (The three small fields above share one word: a scan makes millions
	// of values.)

	Range Range
	// Str holds the text of a String, the literal text of a Number and
	// "true"/"false" for a Bool.
	Str string
	// Items holds the elements of a List.
	Items []*Value
	// Fields holds the members of an Object in source order.
	Fields []*Field

	// For Unknown values: a short description of the expression (never its
	// evaluated content) and what it refers to.
	Reason string
	Ref    *Ref
	// Glob, for an Unknown string built from literal text and unknown
	// parts (Fn::Sub, Fn::Join, a Terraform template), is that text with
	// each unknown part replaced by "*": a pattern every possible value
	// matches ("arn:*:iam::aws:policy/AdministratorAccess"). Empty when
	// nothing of the text is known.
	Glob string
}

// Field is a member of an Object value.
type Field struct {
	Key      string
	KeyRange Range
	Value    *Value
}

// Constructors keep parser code short.

func NewString(s string, r Range) *Value { return &Value{Kind: String, Str: s, Range: r} }
func NewBool(b bool, r Range) *Value     { return &Value{Kind: Bool, Str: strconv.FormatBool(b), Range: r} }
func NewNumber(text string, r Range) *Value {
	return &Value{Kind: Number, Str: text, Range: r}
}
func NewNull(r Range) *Value { return &Value{Kind: Null, Range: r} }
func NewUnknown(reason string, r Range) *Value {
	return &Value{Kind: Unknown, Reason: reason, Range: r}
}

// IsKnown reports whether v is present and fully known at its top level.
func (v *Value) IsKnown() bool { return v != nil && v.Kind != Unknown }

// IsUnknown reports whether v is present but unknown.
func (v *Value) IsUnknown() bool { return v != nil && v.Kind == Unknown }

// IsNull reports whether v is absent or an explicit null.
func (v *Value) IsNull() bool { return v == nil || v.Kind == Null }

// Get returns the member named key of an Object (the last one when a key
// repeats, as most consumers do), or nil. A member of an unknown value is
// unknown, never absent: Get returns the unknown value itself, so that a
// rule asking for a property under an unresolved !If does not take it for
// missing.
func (v *Value) Get(key string) *Value {
	if v != nil && v.Kind == Unknown {
		return v
	}
	f := v.Field(key)
	if f == nil {
		return nil
	}
	return f.Value
}

// Field returns the member named key of an Object, or nil.
func (v *Value) Field(key string) *Field {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := len(v.Fields) - 1; i >= 0; i-- {
		if v.Fields[i].Key == key {
			return v.Fields[i]
		}
	}
	return nil
}

// GetFold is Get with a case-insensitive key, for formats whose keys are
// case-insensitive (IAM policy elements are not, but tolerant readers are).
func (v *Value) GetFold(key string) *Value {
	if v != nil && v.Kind == Unknown {
		return v
	}
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := len(v.Fields) - 1; i >= 0; i-- {
		if strings.EqualFold(v.Fields[i].Key, key) {
			return v.Fields[i].Value
		}
	}
	return nil
}

// Path follows object keys; an integer-looking key indexes a List. It
// stops at the first absent step.
func (v *Value) Path(keys ...string) *Value {
	cur := v
	for _, k := range keys {
		if cur == nil {
			return nil
		}
		if cur.Kind == Unknown {
			return cur
		}
		if cur.Kind == List {
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(cur.Items) {
				return nil
			}
			cur = cur.Items[i]
			continue
		}
		cur = cur.Get(k)
	}
	return cur
}

// First returns the first element of a List, v itself when it is any other
// present value (a single nested block, or an unknown standing for the
// list), and nil when absent or empty.
func First(v *Value) *Value {
	if v == nil {
		return nil
	}
	if v.Kind == List {
		if len(v.Items) == 0 {
			return nil
		}
		return v.Items[0]
	}
	return v
}

// AsString returns the text of a known String (or of a Number or Bool, which
// CloudFormation and Terraform convert freely), and whether it is known.
func (v *Value) AsString() (string, bool) {
	if v == nil {
		return "", false
	}
	switch v.Kind {
	case String, Number, Bool:
		return v.Str, true
	}
	return "", false
}

// AsBool returns a known boolean; the strings "true" and "false" count, as
// CloudFormation and Terraform accept them.
func (v *Value) AsBool() (b, ok bool) {
	if v == nil {
		return false, false
	}
	switch v.Kind {
	case Bool, String:
		switch strings.ToLower(v.Str) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// Elements returns the items of a List, or v itself as a one-element list
// for any other present value (IAM and CloudFormation accept a single value
// where a list is expected).
func (v *Value) Elements() []*Value {
	if v == nil {
		return nil
	}
	if v.Kind == List {
		return v.Items
	}
	return []*Value{v}
}

// Walk calls fn for v and every node below it, depth first, stopping a branch
// when fn returns false.
func (v *Value) Walk(fn func(*Value) bool) {
	if v == nil || !fn(v) {
		return
	}
	for _, it := range v.Items {
		it.Walk(fn)
	}
	for _, f := range v.Fields {
		f.Value.Walk(fn)
	}
}

// HasUnknown reports whether v or anything below it is unknown.
func (v *Value) HasUnknown() bool {
	found := false
	v.Walk(func(n *Value) bool {
		if n.Kind == Unknown {
			found = true
		}
		return !found
	})
	return found
}

// KeyRangeOf returns the range of the key of member key when it exists, else
// the range of v itself: the place to point at for a finding about that
// member.
func (v *Value) KeyRangeOf(key string) Range {
	if f := v.Field(key); f != nil {
		return f.KeyRange
	}
	if v == nil {
		return Range{}
	}
	return v.Range
}

// V returns v itself, so that helpers can take a value or a Property
// (whose V is its value) alike.
func (v *Value) V() *Value { return v }

// Valued is a *Value or a *Property.
type Valued interface{ V() *Value }
