// Package iampolicy reads IAM policy documents into the model's normalized
// Policy type: from raw JSON files and AWS CLI output, and, through FromValue,
// from the value trees of CloudFormation and Terraform.
package iampolicy

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
)

// FromValue normalizes a policy document given as a value tree (a
// CloudFormation object, a parsed JSON string, a Terraform jsonencode
// argument). Unknown parts stay unknown with their ranges.
//
// A document given as a String is parsed as JSON (URL-decoded first when it
// is percent-encoded, as the IAM API returns it); the nodes of such a
// document all carry the range of the string, since a JSON string's content
// cannot be mapped back to its source column by column.
//
// A nil (or null) doc gives a nil policy. A document that is not an object, or cannot
// be read, gives a policy marked Unknown with diagnostics, so that rules skip
// it rather than report on a half-read policy.
func FromValue(doc *model.Value, kind model.PolicyKind, owner *model.Resource, property string) (*model.Policy, []model.Diagnostic) {
	if doc == nil || doc.Kind == model.Null {
		return nil, nil
	}
	r := &reader{}
	p := &model.Policy{Kind: kind, Owner: owner, Property: property, Path: model.PolicyPath(property), Range: doc.Range}
	doc = r.decodeString(doc)
	r.document(p, doc)
	return p, r.diags
}

type reader struct {
	diags []model.Diagnostic
	// read, when set, holds the statements of the document's Statement
	// list, read as it was parsed (ParseFile): the list holds none.
	read *statementReader
}

func (r *reader) errorf(rng model.Range, format string, args ...any) {
	r.diags = append(r.diags, model.Diagnostic{Severity: model.DiagError, Summary: fmt.Sprintf(format, args...), Range: rng})
}

func (r *reader) warnf(rng model.Range, format string, args ...any) {
	r.diags = append(r.diags, model.Diagnostic{Severity: model.DiagWarning, Summary: fmt.Sprintf(format, args...), Range: rng})
}

// decodeString turns a document written as a JSON string into its value
// tree, every node carrying the string's range. Other values are returned
// unchanged.
func (r *reader) decodeString(doc *model.Value) *model.Value {
	if doc.Kind != model.String {
		return doc
	}
	text := strings.TrimSpace(doc.Str)
	if strings.HasPrefix(strings.ToLower(text), "%7b") {
		if dec, err := url.QueryUnescape(text); err == nil {
			text = dec
		}
	}
	if !strings.HasPrefix(text, "{") {
		return doc // reported as "not an object" by document
	}
	v, diags := jsonvalue.Parse(doc.Range.Filename, []byte(text))
	if v == nil {
		for _, d := range diags {
			r.errorf(doc.Range, "policy document string is not valid JSON: %s", strings.TrimPrefix(d.Summary, "invalid JSON: "))
		}
		if len(diags) == 0 {
			r.errorf(doc.Range, "policy document string is not valid JSON")
		}
		return model.NewUnknown("invalid JSON in a policy string", doc.Range)
	}
	for _, d := range diags {
		d.Range = doc.Range
		r.diags = append(r.diags, d)
	}
	Relocate(v, doc.Range)
	return v
}

// Relocate sets the range of v, of every node below it and of every object
// key to rng: for a document decoded from a string, whose inner positions do
// not map back to the source.
func Relocate(v *model.Value, rng model.Range) {
	v.Walk(func(n *model.Value) bool {
		n.Range = rng
		for _, f := range n.Fields {
			f.KeyRange = rng
		}
		return true
	})
}

// field finds an element of a policy object. IAM element names are
// case-sensitive; a tolerant reader accepts another case with a warning, as a
// policy whose author wrote "statement" meant Statement.
func (r *reader) field(obj *model.Value, name string) *model.Field {
	if f := obj.Field(name); f != nil {
		return f
	}
	for i := len(obj.Fields) - 1; i >= 0; i-- {
		f := obj.Fields[i]
		if strings.EqualFold(f.Key, name) {
			r.warnf(f.KeyRange, "policy element %q should be spelled %q", f.Key, name)
			return f
		}
	}
	return nil
}

var documentKeys = []string{"Version", "Id", "Statement"}

var statementKeys = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

func (r *reader) unexpectedKeys(obj *model.Value, known []string, what string) {
	for _, f := range obj.Fields {
		ok := false
		for _, k := range known {
			if strings.EqualFold(f.Key, k) {
				ok = true
				break
			}
		}
		if !ok {
			r.warnf(f.KeyRange, "unexpected element %q in %s", f.Key, what)
		}
	}
}

func (r *reader) document(p *model.Policy, doc *model.Value) {
	switch doc.Kind {
	case model.Unknown:
		p.Unknown = true
		return
	case model.Object:
	default:
		r.errorf(doc.Range, "policy document must be a JSON object, not %s", doc.Kind)
		p.Unknown = true
		return
	}
	r.unexpectedKeys(doc, documentKeys, "a policy document")
	if f := r.field(doc, "Version"); f != nil {
		p.Version = f.Value
		if s, ok := f.Value.AsString(); ok && f.Value.Kind == model.String && s != "2012-10-17" && s != "2008-10-17" {
			r.warnf(f.Value.Range, "policy Version %q is not 2012-10-17 or 2008-10-17", s)
		}
	}
	sf := r.field(doc, "Statement")
	if sf == nil {
		r.errorf(doc.Range, "policy document has no Statement element")
		return
	}
	st := sf.Value
	switch st.Kind {
	case model.Unknown:
		p.Unknown = true
	case model.Object:
		p.Statements = append(p.Statements, r.statement(0, st))
	case model.List:
		p.Statements = []*model.Statement{}
		p.StatementsRange = st.Range
		if r.read != nil {
			p.Statements = r.read.statements
			r.diags = append(r.diags, r.read.r.diags...)
			break
		}
		for i, item := range st.Items {
			p.Statements = append(p.Statements, r.statement(i, item))
		}
	default:
		r.errorf(st.Range, "policy Statement must be an object or a list of objects, not %s", st.Kind)
		p.Unknown = true
	}
}

func (r *reader) statement(index int, v *model.Value) *model.Statement {
	s := &model.Statement{Index: index, Range: v.Range}
	switch v.Kind {
	case model.Object:
	case model.Unknown:
		s.Unknown = true
		return s
	default:
		r.errorf(v.Range, "policy statement must be an object, not %s", v.Kind)
		s.Unknown = true
		return s
	}
	r.unexpectedKeys(v, statementKeys, "a policy statement")

	if f := r.field(v, "Sid"); f != nil {
		switch f.Value.Kind {
		case model.String, model.Number:
			s.Sid = f.Value.Str
		case model.Unknown, model.Null:
		default:
			r.errorf(f.Value.Range, "statement Sid must be a string, not %s", f.Value.Kind)
		}
	}

	if f := r.field(v, "Effect"); f == nil {
		r.errorf(v.Range, "policy statement has no Effect element")
	} else {
		s.EffectRange = f.KeyRange
		switch ev := f.Value; ev.Kind {
		case model.Unknown:
		case model.String:
			s.Effect = ev.Str
			switch {
			case ev.Str == "Allow" || ev.Str == "Deny":
				s.EffectKnown = true
			case strings.EqualFold(ev.Str, "Allow") || strings.EqualFold(ev.Str, "Deny"):
				s.EffectKnown = true
				r.warnf(ev.Range, "statement Effect %q should be spelled Allow or Deny", ev.Str)
			default:
				r.errorf(ev.Range, "statement Effect must be Allow or Deny, not %q", ev.Str)
			}
		default:
			r.errorf(ev.Range, "statement Effect must be the string Allow or Deny, not %s", ev.Kind)
		}
	}

	if f := r.field(v, "Principal"); f != nil {
		s.PrincipalRange = f.KeyRange
		s.Principal = r.principals(f.Value)
	}
	if f := r.field(v, "NotPrincipal"); f != nil {
		if s.PrincipalRange.IsZero() {
			s.PrincipalRange = f.KeyRange
		} else {
			r.errorf(f.KeyRange, "policy statement has both Principal and NotPrincipal")
		}
		s.NotPrincipal = r.principals(f.Value)
	}

	elems := func(name string, dst *[]*model.Elem, rng *model.Range) {
		if f := r.field(v, name); f != nil {
			*rng = f.KeyRange
			*dst = r.stringElems(f.Value, name)
		}
	}
	elems("Action", &s.Action, &s.ActionRange)
	elems("NotAction", &s.NotAction, &s.NotActionRange)
	elems("Resource", &s.Resource, &s.ResourceRange)
	elems("NotResource", &s.NotResource, &s.NotResourceRange)
	if s.Action != nil && s.NotAction != nil {
		r.errorf(s.NotActionRange, "policy statement has both Action and NotAction")
	}
	if s.Action == nil && s.NotAction == nil {
		r.errorf(v.Range, "policy statement has neither Action nor NotAction")
	}
	if s.Resource != nil && s.NotResource != nil {
		r.errorf(s.NotResourceRange, "policy statement has both Resource and NotResource")
	}

	if f := r.field(v, "Condition"); f != nil {
		s.ConditionRange = f.KeyRange
		s.ConditionValue = f.Value.Range
		s.Conditions = r.conditions(f.Value, f.KeyRange)
	}
	return s
}

// elem converts a scalar or unknown value into an element. ok is false for
// values that cannot be an element (objects, lists, null).
func elem(v *model.Value) (*model.Elem, bool) {
	e := &model.Elem{}
	if !setElem(e, v) {
		return nil, false
	}
	return e, true
}

// setElem is elem writing into e: for callers that place elements in one
// block.
func setElem(e *model.Elem, v *model.Value) bool {
	switch v.Kind {
	case model.String, model.Bool:
		*e = model.Elem{Text: v.Str, Known: true, Range: v.Range}
	case model.Number:
		*e = model.Elem{Text: v.Str, Known: true, Range: v.Range, Numeric: true}
	case model.Unknown:
		setUnknown(e, v, v.Reason)
	default:
		return false
	}
	return true
}

func unknownElem(v *model.Value, reason string) *model.Elem {
	e := &model.Elem{}
	setUnknown(e, v, reason)
	return e
}

func setUnknown(e *model.Elem, v *model.Value, reason string) {
	*e = model.Elem{Known: false, Hint: v.Hint, Ref: v.Ref, Range: v.Range, Reason: reason, Glob: v.Glob}
}

// stringElems reads an element that is a string or a list of strings. Items
// of the wrong type become unknown elements (so rules skip them) and are
// reported. The elements of a list share one block and the slice is made
// to size: a list of n strings costs two allocations, not n and a slice
// grown by doubling.
func (r *reader) stringElems(v *model.Value, name string) []*model.Elem {
	items := []*model.Value{v}
	if v.Kind == model.List {
		items = v.Items
	}
	block := make([]model.Elem, len(items))
	out := make([]*model.Elem, len(items))
	for i, item := range items {
		e := &block[i]
		out[i] = e
		if !setElem(e, item) {
			r.errorf(item.Range, "%s must be a string or a list of strings, not %s", name, item.Kind)
			setUnknown(e, item, "not a string")
		}
	}
	return out
}

var principalTypes = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func (r *reader) principals(v *model.Value) []*model.Principal {
	out := []*model.Principal{}
	switch v.Kind {
	case model.String:
		if v.Str != "*" {
			r.errorf(v.Range, `a Principal written as a string must be "*", not %q`, v.Str)
			return append(out, &model.Principal{Value: unknownElem(v, "invalid principal"), TypeRange: v.Range})
		}
		return append(out, &model.Principal{Type: "*", Value: &model.Elem{Text: "*", Known: true, Range: v.Range}, TypeRange: v.Range})
	case model.Unknown:
		return append(out, &model.Principal{Value: unknownElem(v, v.Reason), TypeRange: v.Range})
	case model.Object:
	default:
		r.errorf(v.Range, `Principal must be "*" or an object such as {"Service": ...}, not %s`, v.Kind)
		return append(out, &model.Principal{Value: unknownElem(v, "invalid principal"), TypeRange: v.Range})
	}
	for _, f := range v.Fields {
		known := false
		for _, t := range principalTypes {
			if strings.EqualFold(f.Key, t) {
				known = true
				if f.Key != t {
					r.warnf(f.KeyRange, "principal type %q should be spelled %q", f.Key, t)
				}
			}
		}
		if !known {
			r.errorf(f.KeyRange, "unknown principal type %q (want AWS, Service, Federated or CanonicalUser)", f.Key)
		}
		for _, e := range r.stringElems(f.Value, "a principal value") {
			out = append(out, &model.Principal{Type: f.Key, Value: e, TypeRange: f.KeyRange})
		}
	}
	return out
}

// ParseOperator splits a condition operator into its set prefix
// ("forallvalues", "foranyvalue" or ""), its lower-cased base without
// IfExists, and whether it ends in IfExists.
func ParseOperator(op string) (setOp, base string, ifExists bool) {
	base = op
	if i := strings.IndexByte(base, ':'); i >= 0 {
		prefix := strings.ToLower(base[:i])
		if prefix == "forallvalues" || prefix == "foranyvalue" {
			setOp = prefix
			base = base[i+1:]
		}
	}
	lower := strings.ToLower(base)
	if strings.HasSuffix(lower, "ifexists") && len(lower) > len("ifexists") {
		ifExists = true
		lower = strings.TrimSuffix(lower, "ifexists")
	}
	return setOp, lower, ifExists
}

func (r *reader) conditions(v *model.Value, keyRange model.Range) []*model.Condition {
	out := []*model.Condition{}
	switch v.Kind {
	case model.Unknown:
		return append(out, &model.Condition{Unknown: true, KeyRange: keyRange, Values: []*model.Elem{unknownElem(v, v.Reason)}})
	case model.Object:
	default:
		r.errorf(v.Range, "Condition must be an object of operators, not %s", v.Kind)
		return append(out, &model.Condition{Unknown: true, KeyRange: keyRange})
	}
	for _, opf := range v.Fields {
		setOp, base, ifExists := ParseOperator(opf.Key)
		mk := func() *model.Condition {
			return &model.Condition{Operator: opf.Key, Base: base, SetOp: setOp, IfExists: ifExists, OperatorRange: opf.KeyRange, OperatorValue: opf.Value.Range}
		}
		switch opf.Value.Kind {
		case model.Unknown:
			c := mk()
			c.Unknown = true
			c.KeyRange = opf.KeyRange
			c.Values = []*model.Elem{unknownElem(opf.Value, opf.Value.Reason)}
			out = append(out, c)
			continue
		case model.Object:
		default:
			r.errorf(opf.Value.Range, "condition operator %q must map to an object of keys, not %s", opf.Key, opf.Value.Kind)
			c := mk()
			c.Unknown = true
			c.KeyRange = opf.KeyRange
			out = append(out, c)
			continue
		}
		for _, kf := range opf.Value.Fields {
			c := mk()
			c.Key = kf.Key
			c.KeyFolded = strings.ToLower(kf.Key)
			c.KeyRange = kf.KeyRange
			c.Values = []*model.Elem{}
			add := func(item *model.Value) {
				if e, ok := elem(item); ok {
					c.Values = append(c.Values, e)
					if item.Kind == model.Unknown && kf.Value == item {
						c.Unknown = true
					}
					return
				}
				r.errorf(item.Range, "condition value of %q must be a string, number or boolean, not %s", kf.Key, item.Kind)
				c.Values = append(c.Values, unknownElem(item, "invalid condition value"))
			}
			if kf.Value.Kind == model.List {
				for _, item := range kf.Value.Items {
					add(item)
				}
			} else {
				add(kf.Value)
			}
			out = append(out, c)
		}
	}
	return out
}
