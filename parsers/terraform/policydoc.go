package terraform

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/configward/configward/parsers/model"
)

// policyDocument returns the document that data source addr renders, as a
// value tree whose nodes point into the data block. use is the expression
// that refers to it, for the unknown value when it cannot be rendered.
func (w *walker) policyDocument(addr string, use hcl.Expression) *model.Value {
	if doc, ok := w.docs[addr]; ok {
		if doc == nil {
			return w.unknown(use, rangeOf(use), true)
		}
		return doc
	}
	r := w.byAddr[addr]
	if r == nil || w.busy[addr] {
		return nil
	}
	w.busy[addr] = true
	defer delete(w.busy, addr)
	body := w.resourceBody(r)
	doc := renderPolicyDocument(r.res, body)
	w.docs[addr] = doc
	if doc == nil {
		return w.unknown(use, rangeOf(use), true)
	}
	return doc
}

// renderPolicyDocument builds the JSON document of an
// aws_iam_policy_document from its walked body, each generated node taking
// the range of the attribute or block it comes from. It returns nil when
// the document cannot be known: merged source or override documents, or
// dynamic statements.
func renderPolicyDocument(res *model.Resource, body *model.Value) *model.Value {
	for _, k := range []string{"source_policy_documents", "override_policy_documents", "source_json", "override_json"} {
		if !body.Get(k).IsNull() {
			return nil
		}
	}
	doc := &model.Value{Kind: model.Object, Range: body.Range, Fields: []*model.Field{}}
	if f := body.Field("version"); f != nil {
		doc.Fields = append(doc.Fields, &model.Field{Key: "Version", KeyRange: f.KeyRange, Value: f.Value})
	} else {
		doc.Fields = append(doc.Fields, &model.Field{Key: "Version", KeyRange: res.DefRange, Value: model.NewString("2012-10-17", res.DefRange)})
	}
	if f := body.Field("policy_id"); f != nil {
		doc.Fields = append(doc.Fields, &model.Field{Key: "Id", KeyRange: f.KeyRange, Value: f.Value})
	}
	if f := body.Field("statement"); f != nil {
		if f.Value.IsUnknown() {
			return nil
		}
		list := &model.Value{Kind: model.List, Range: f.Value.Range, Items: []*model.Value{}}
		for _, st := range f.Value.Elements() {
			list.Items = append(list.Items, renderStatement(st))
		}
		doc.Fields = append(doc.Fields, &model.Field{Key: "Statement", KeyRange: f.KeyRange, Value: list})
	}
	return doc
}

// statementKeys maps the statement block's attributes to policy elements.
var statementKeys = []struct{ attr, key string }{
	{"sid", "Sid"},
	{"effect", "Effect"},
	{"actions", "Action"},
	{"not_actions", "NotAction"},
	{"resources", "Resource"},
	{"not_resources", "NotResource"},
}

func renderStatement(st *model.Value) *model.Value {
	if st.Kind != model.Object {
		return st
	}
	out := &model.Value{Kind: model.Object, Range: st.Range, Fields: []*model.Field{}}
	add := func(key string, keyRange model.Range, v *model.Value) {
		out.Fields = append(out.Fields, &model.Field{Key: key, KeyRange: keyRange, Value: v})
	}
	for _, sk := range statementKeys {
		f := st.Field(sk.attr)
		switch {
		case f != nil && !f.Value.IsNull():
			add(sk.key, f.KeyRange, f.Value)
		case sk.attr == "effect":
			// Terraform's default; it points at the statement block.
			add("Effect", st.Range, model.NewString("Allow", st.Range))
		}
	}
	if f := st.Field("principals"); f != nil {
		add("Principal", f.KeyRange, renderPrincipals(f.Value))
	}
	if f := st.Field("not_principals"); f != nil {
		add("NotPrincipal", f.KeyRange, renderPrincipals(f.Value))
	}
	if f := st.Field("condition"); f != nil {
		add("Condition", f.KeyRange, renderConditions(f.Value))
	}
	return out
}

// renderPrincipals turns principals blocks into a Principal element:
// {"Service": [...], "AWS": [...]}, or "*" for type "*" with identifiers
// ["*"]. Blocks of one type are merged.
func renderPrincipals(blocks *model.Value) *model.Value {
	if blocks.Kind != model.List {
		return blocks
	}
	out := &model.Value{Kind: model.Object, Range: blocks.Range, Fields: []*model.Field{}}
	for _, b := range blocks.Items {
		typ := b.Get("type")
		ids := b.Get("identifiers")
		t, ok := typ.AsString()
		if b.Kind != model.Object || !ok {
			return model.NewUnknown("principals block with an unknown type", b.Range)
		}
		if ids == nil {
			ids = &model.Value{Kind: model.List, Range: b.Range, Items: []*model.Value{}}
		}
		if t == "*" && isStarList(ids) {
			return model.NewString("*", b.Range)
		}
		if prev := out.Field(t); prev != nil {
			if prev.Value.Kind == model.List && ids.Kind == model.List {
				merged := &model.Value{Kind: model.List, Range: prev.Value.Range, Items: append(append([]*model.Value{}, prev.Value.Items...), ids.Items...)}
				prev.Value = merged
				continue
			}
		}
		out.Fields = append(out.Fields, &model.Field{Key: t, KeyRange: typ.Range, Value: ids})
	}
	return out
}

func isStarList(v *model.Value) bool {
	els := v.Elements()
	if len(els) != 1 {
		return false
	}
	s, ok := els[0].AsString()
	return ok && s == "*" && els[0].Kind == model.String
}

// renderConditions turns condition blocks into a Condition element
// {test: {variable: values}}; a test or variable that is not known makes the
// whole element unknown.
func renderConditions(blocks *model.Value) *model.Value {
	if blocks.Kind != model.List {
		return blocks
	}
	out := &model.Value{Kind: model.Object, Range: blocks.Range, Fields: []*model.Field{}}
	for _, b := range blocks.Items {
		test, variable := b.Get("test"), b.Get("variable")
		op, ok1 := test.AsString()
		key, ok2 := variable.AsString()
		if b.Kind != model.Object || !ok1 || !ok2 {
			return model.NewUnknown("condition block with an unknown test or variable", b.Range)
		}
		values := b.Get("values")
		if values == nil {
			values = &model.Value{Kind: model.List, Range: b.Range, Items: []*model.Value{}}
		}
		opField := out.Field(op)
		if opField == nil {
			opField = &model.Field{Key: op, KeyRange: test.Range, Value: &model.Value{Kind: model.Object, Range: b.Range, Fields: []*model.Field{}}}
			out.Fields = append(out.Fields, opField)
		}
		opField.Value.Fields = append(opField.Value.Fields, &model.Field{Key: key, KeyRange: variable.Range, Value: values})
	}
	return out
}
