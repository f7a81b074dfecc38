package terraform

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/configward/configward/parsers/jsonvalue"

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
// the range of the attribute or block it comes from. Source documents
// (source_json, source_policy_documents) come first; the statement blocks
// replace source statements with the same Sid and add the others;
// override documents (override_json, override_policy_documents) then
// replace statements with the same non-empty Sid and add the others, as
// the AWS provider merges them. It returns nil when the document cannot be
// known: an unknown merged document or Sid, or dynamic statements.
func renderPolicyDocument(res *model.Resource, body *model.Value) *model.Value {
	sources, ok := mergedDocs(body, "source_json", "source_policy_documents")
	if !ok {
		return nil
	}
	overrides, ok := mergedDocs(body, "override_json", "override_policy_documents")
	if !ok {
		return nil
	}
	doc := &model.Value{Kind: model.Object, Range: body.Range, Fields: []*model.Field{}}
	version := body.Field("version")
	for _, d := range sources {
		if f := d.Field("Version"); version == nil && f != nil {
			version = f
		}
	}
	if version != nil {
		doc.Fields = append(doc.Fields, &model.Field{Key: "Version", KeyRange: version.KeyRange, Value: version.Value})
	} else {
		doc.Fields = append(doc.Fields, &model.Field{Key: "Version", KeyRange: res.DefRange, Value: model.NewString("2012-10-17", res.DefRange)})
	}
	if f := body.Field("policy_id"); f != nil {
		doc.Fields = append(doc.Fields, &model.Field{Key: "Id", KeyRange: f.KeyRange, Value: f.Value})
	}
	var stmts []*model.Value
	for _, d := range sources {
		st := d.Get("Statement")
		if st.IsUnknown() {
			return nil
		}
		for _, s := range st.Elements() {
			if stmts, ok = mergeStatement(stmts, s); !ok {
				return nil
			}
		}
	}
	f := body.Field("statement")
	if f != nil {
		if f.Value.IsUnknown() {
			return nil
		}
		for _, st := range f.Value.Elements() {
			if stmts, ok = mergeStatement(stmts, renderStatement(st)); !ok {
				return nil
			}
		}
	}
	for _, d := range overrides {
		st := d.Get("Statement")
		if st.IsUnknown() {
			return nil
		}
		for _, s := range st.Elements() {
			if stmts, ok = mergeStatement(stmts, s); !ok {
				return nil
			}
		}
	}
	if f != nil || len(stmts) > 0 {
		keyRange, rng := res.DefRange, body.Range
		if f != nil {
			keyRange, rng = f.KeyRange, f.Value.Range
		}
		if stmts == nil {
			stmts = []*model.Value{}
		}
		doc.Fields = append(doc.Fields, &model.Field{Key: "Statement", KeyRange: keyRange, Value: &model.Value{Kind: model.List, Range: rng, Items: stmts}})
	}
	return doc
}

// mergedDocs returns the documents named by the single-document attribute
// and the list attribute; ok is false when one cannot be known.
func mergedDocs(body *model.Value, single, list string) (docs []*model.Value, ok bool) {
	var vals []*model.Value
	if v := body.Get(single); !v.IsNull() {
		vals = append(vals, v)
	}
	if v := body.Get(list); !v.IsNull() {
		if v.Kind != model.List {
			return nil, false
		}
		vals = append(vals, v.Items...)
	}
	for _, v := range vals {
		switch v.Kind {
		case model.Null:
			continue
		case model.Object:
			docs = append(docs, v)
		case model.String:
			d, _ := jsonvalue.Parse(v.Range.Filename, []byte(v.Str))
			if d == nil || d.Kind != model.Object {
				return nil, false
			}
			d.Walk(func(n *model.Value) bool {
				n.Range = v.Range
				for _, f := range n.Fields {
					f.KeyRange = v.Range
				}
				return true
			})
			docs = append(docs, d)
		default:
			return nil, false
		}
	}
	return docs, true
}

// mergeStatement adds a statement: one with the same non-empty Sid as an
// earlier one replaces it in place. ok is false when the Sid is unknown.
func mergeStatement(stmts []*model.Value, st *model.Value) ([]*model.Value, bool) {
	sid, ok := statementSid(st)
	if !ok {
		return nil, false
	}
	if sid != "" {
		for i, prev := range stmts {
			if p, _ := statementSid(prev); p == sid {
				stmts[i] = st
				return stmts, true
			}
		}
	}
	return append(stmts, st), true
}

func statementSid(st *model.Value) (string, bool) {
	if st.Kind != model.Object {
		return "", false
	}
	v := st.Get("Sid")
	if v.IsNull() {
		return "", true
	}
	return v.AsString()
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
