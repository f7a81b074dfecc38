package terraform

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/configward/configward/parsers/model"
)

// resource is a resource or data block with its model resource.
type resource struct {
	res *model.Resource
	blk *block
}

// walker turns blocks into model resources. Object and tuple constructors,
// jsonencode arguments, conditionals with a known condition, references to
// locals and to aws_iam_policy_document data sources are walked as syntax,
// so each element keeps its own range; everything else is evaluated.
type walker struct {
	m  *module
	ev *evaluator

	resources []*resource
	byAddr    map[string]*resource
	// busy guards against walking a local or a policy document through
	// itself.
	busy map[string]bool
	// docs caches rendered aws_iam_policy_document documents by address.
	docs map[string]*model.Value
	// policyIndex maps each resource to its policies by property.
	policyIndex map[*model.Resource]map[string]*model.Policy
	// nodes counts the values built, against maxNodes.
	nodes    int
	overflow bool
}

// maxNodes bounds the values built for one module: locals that refer to
// each other several times expand, and hostile input must not make that
// exponential. Past it, values are unknown.
const maxNodes = 1 << 20

// spend counts one node; false once the module is over maxNodes.
func (w *walker) spend(at model.Range) bool {
	w.nodes++
	if w.nodes <= maxNodes {
		return true
	}
	if !w.overflow {
		w.overflow = true
		w.m.diags = append(w.m.diags, model.Diagnostic{
			Severity: model.DiagWarning, Summary: "Module too large to evaluate",
			Detail: fmt.Sprintf("The module's values expand to more than %d nodes; the rest are left unknown.", maxNodes),
			Range:  at,
		})
	}
	return false
}

func newWalker(m *module, ev *evaluator) *walker {
	return &walker{
		m: m, ev: ev,
		byAddr:      map[string]*resource{},
		busy:        map[string]bool{},
		docs:        map[string]*model.Value{},
		policyIndex: map[*model.Resource]map[string]*model.Policy{},
	}
}

// walkResources builds a model resource for every resource and data block
// in file order. Bodies are walked after every resource is known, so a
// reference to a data source declared further down still resolves.
func (w *walker) walkResources() {
	for _, b := range w.m.blocks {
		if b.Type != "resource" && b.Type != "data" {
			continue
		}
		typ, name := b.Labels[0], b.Labels[1]
		if b.Type == "data" {
			typ = "data." + typ
		}
		addr := typ + "." + name
		if prev, dup := w.byAddr[addr]; dup {
			w.m.diag(b.DefRange, "Duplicate resource configuration", fmt.Sprintf("%s was already declared at %s.", addr, prev.res.DefRange))
			continue
		}
		r := &resource{blk: b, res: &model.Resource{Type: typ, Name: name, Address: addr, DefRange: toRange(b.DefRange)}}
		w.resources = append(w.resources, r)
		w.byAddr[addr] = r
	}
	for _, r := range w.resources {
		r.res.Body = w.resourceBody(r)
	}
}

// resourceBody walks a resource body once (a data source may be needed
// before its turn by a reference to its rendered document).
func (w *walker) resourceBody(r *resource) *model.Value {
	if r.res.Body == nil {
		r.res.Body = w.body(r.blk, true)
	}
	return r.res.Body
}

// resourceMeta are the meta-arguments and blocks left out of a resource's
// body: they say how Terraform manages the resource, not what it is.
var resourceMeta = map[string]bool{
	"depends_on": true, "provider": true, "lifecycle": true,
	"provisioner": true, "connection": true,
}

// body walks a block body into an Object: attributes become fields, nested
// blocks a field holding a list of objects (one per block). A dynamic block
// makes its field unknown.
func (w *walker) body(b *block, top bool) *model.Value {
	obj := &model.Value{Kind: model.Object, Range: toRange(b.Range), Fields: []*model.Field{}}
	sb := b.Syntax
	if sb == nil {
		for _, a := range w.m.attributes(b.Body) {
			if top && resourceMeta[a.Name] {
				continue
			}
			obj.Fields = append(obj.Fields, &model.Field{Key: a.Name, KeyRange: toRange(a.NameRange), Value: w.expr(a.Expr)})
		}
		return obj
	}
	type item struct {
		at    int
		field *model.Field
	}
	var items []item
	for _, a := range sortedAttrs(sb.Body) {
		if top && resourceMeta[a.Name] {
			continue
		}
		items = append(items, item{a.SrcRange.Start.Byte, &model.Field{Key: a.Name, KeyRange: toRange(a.NameRange), Value: w.expr(a.Expr)}})
	}
	groups := map[string]*model.Field{}
	for _, nb := range sb.Body.Blocks {
		key, dynamic := nb.Type, false
		if nb.Type == "dynamic" && len(nb.Labels) == 1 {
			key, dynamic = nb.Labels[0], true
		}
		if top && resourceMeta[key] {
			continue
		}
		f := groups[key]
		if f == nil {
			f = &model.Field{Key: key, KeyRange: toRange(nb.TypeRange), Value: &model.Value{Kind: model.List, Range: toRange(nb.Range()), Items: []*model.Value{}}}
			groups[key] = f
			items = append(items, item{nb.Range().Start.Byte, f})
		}
		if dynamic {
			if !f.Value.IsUnknown() {
				f.Value = model.NewUnknown("dynamic \""+key+"\" block", toRange(nb.Range()))
			}
			continue
		}
		if f.Value.IsUnknown() {
			continue
		}
		f.Value.Items = append(f.Value.Items, w.body(syntaxBlock(nb), false))
		f.Value.Range.End = toRange(nb.Range()).End
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].at < items[j].at })
	for _, it := range items {
		obj.Fields = append(obj.Fields, it.field)
	}
	return obj
}

// expr walks an attribute value.
func (w *walker) expr(e hcl.Expression) *model.Value {
	if !w.spend(rangeOf(e)) {
		return model.NewUnknown("value too large", rangeOf(e))
	}
	switch e := e.(type) {
	case *hclsyntax.ParenthesesExpr:
		return w.expr(e.Expression)
	case *hclsyntax.TemplateWrapExpr:
		return w.expr(e.Wrapped)
	case *hclsyntax.ObjectConsExpr:
		return w.object(e)
	case *hclsyntax.TupleConsExpr:
		list := &model.Value{Kind: model.List, Range: rangeOf(e), Items: []*model.Value{}}
		for _, it := range e.Exprs {
			list.Items = append(list.Items, w.expr(it))
		}
		return list
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "jsonencode" && len(e.Args) == 1 && !e.ExpandFinal {
			return w.expr(e.Args[0])
		}
	case *hclsyntax.ConditionalExpr:
		c := w.ev.eval(e.Condition)
		c, _ = c.Unmark()
		if c.IsKnown() && !c.IsNull() {
			if b, err := convert.Convert(c, cty.Bool); err == nil {
				if b.True() {
					return w.expr(e.TrueResult)
				}
				return w.expr(e.FalseResult)
			}
		}
	case *hclsyntax.ScopeTraversalExpr:
		if v := w.reference(e); v != nil {
			return v
		}
	case hclsyntax.Expression:
	default:
		// .tf.json: objects and arrays are walked, strings evaluated as
		// templates.
		if pairs, diags := hcl.ExprMap(e); !diags.HasErrors() {
			obj := &model.Value{Kind: model.Object, Range: rangeOf(e), Fields: []*model.Field{}}
			for _, p := range pairs {
				k, _ := p.Key.Value(nil)
				if k.Type() != cty.String || !k.IsKnown() || k.IsNull() {
					return w.fromCty(w.ev.eval(e), e, true)
				}
				obj.Fields = append(obj.Fields, &model.Field{Key: k.AsString(), KeyRange: rangeOf(p.Key), Value: w.expr(p.Value)})
			}
			return obj
		}
		if items, diags := hcl.ExprList(e); !diags.HasErrors() {
			list := &model.Value{Kind: model.List, Range: rangeOf(e), Items: []*model.Value{}}
			for _, it := range items {
				list.Items = append(list.Items, w.expr(it))
			}
			return list
		}
	}
	return w.fromCty(w.ev.eval(e), e, true)
}

// object walks an object constructor. A key that is not a known string
// makes the whole object unknown.
func (w *walker) object(e *hclsyntax.ObjectConsExpr) *model.Value {
	obj := &model.Value{Kind: model.Object, Range: rangeOf(e), Fields: []*model.Field{}}
	for _, it := range e.Items {
		key, ok := w.objectKey(it.KeyExpr)
		if !ok {
			return w.fromCty(w.ev.eval(e), e, true)
		}
		obj.Fields = append(obj.Fields, &model.Field{Key: key, KeyRange: rangeOf(it.KeyExpr), Value: w.expr(it.ValueExpr)})
	}
	return obj
}

func (w *walker) objectKey(e hcl.Expression) (string, bool) {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok && !k.ForceNonLiteral {
		if kw := hcl.ExprAsKeyword(k.Wrapped); kw != "" {
			return kw, true
		}
	}
	v, _ := w.ev.eval(e).Unmark()
	if !v.IsKnown() || v.IsNull() {
		return "", false
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil {
		return "", false
	}
	s, _ = s.Unmark()
	return s.AsString(), true
}

// reference walks local.NAME as the local's own syntax and
// data.aws_iam_policy_document.N.json as the rendered document; nil for
// any other traversal.
func (w *walker) reference(e *hclsyntax.ScopeTraversalExpr) *model.Value {
	t := e.Traversal
	names := traversalNames(t)
	if len(names) != len(t) {
		return nil
	}
	switch {
	case len(names) == 2 && names[0] == "local":
		a := w.ev.locals[names[1]]
		key := "local." + names[1]
		if a == nil || w.busy[key] {
			return nil
		}
		w.busy[key] = true
		v := w.expr(a.Expr)
		delete(w.busy, key)
		if v.Kind != model.Object && v.Kind != model.List {
			// A scalar points at its use, not at the local; an unknown
			// one keeps what the local's expression refers to.
			c := *v
			c.Range = rangeOf(e)
			if c.Kind == model.Unknown {
				c.Reason = shorten(w.m.sources[e.SrcRange.Filename].text(e.SrcRange))
			}
			v = &c
		}
		return v
	case len(names) == 4 && names[0] == "data" && names[1] == "aws_iam_policy_document" &&
		(names[3] == "json" || names[3] == "minified_json"):
		return w.policyDocument("data.aws_iam_policy_document."+names[2], e)
	}
	return nil
}

// traversalNames returns the attribute names of a traversal, stopping at
// the first step that is not a name.
func traversalNames(t hcl.Traversal) []string {
	var out []string
	for _, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			out = append(out, s.Name)
		case hcl.TraverseAttr:
			out = append(out, s.Name)
		default:
			return out
		}
	}
	return out
}

// fromCty converts an evaluated value. top is set for the value of e
// itself: only it takes e's Ref and Hint when unknown.
func (w *walker) fromCty(v cty.Value, e hcl.Expression, top bool) *model.Value {
	return w.convert(v, e, rangeOf(e), top, false)
}

func (w *walker) convert(v cty.Value, e hcl.Expression, rng model.Range, top, sensitive bool) *model.Value {
	if !w.spend(rng) {
		return model.NewUnknown("value too large", rng)
	}
	v, marks := v.Unmark()
	if _, ok := marks[sensitiveMark]; ok {
		sensitive = true
	}
	var out *model.Value
	ty := v.Type()
	switch {
	case !v.IsKnown():
		out = w.unknown(e, rng, top)
	case v.IsNull():
		out = model.NewNull(rng)
	case ty == cty.String:
		out = model.NewString(v.AsString(), rng)
	case ty == cty.Number:
		out = model.NewNumber(v.AsBigFloat().Text('f', -1), rng)
	case ty == cty.Bool:
		out = model.NewBool(v.True(), rng)
	case ty.IsListType(), ty.IsSetType(), ty.IsTupleType():
		out = &model.Value{Kind: model.List, Range: rng, Items: []*model.Value{}}
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			out.Items = append(out.Items, w.convert(ev, e, rng, false, sensitive))
		}
	case ty.IsMapType(), ty.IsObjectType():
		out = &model.Value{Kind: model.Object, Range: rng, Fields: []*model.Field{}}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			k, _ = k.Unmark()
			out.Fields = append(out.Fields, &model.Field{Key: k.AsString(), KeyRange: rng, Value: w.convert(ev, e, rng, false, sensitive)})
		}
	default:
		out = w.unknown(e, rng, top)
	}
	out.Sensitive = sensitive
	return out
}

// unknown builds the unknown value of expression e: its Reason is the
// source text, and a traversal gives the resource it refers to.
func (w *walker) unknown(e hcl.Expression, rng model.Range, top bool) *model.Value {
	text := shorten(w.m.sources[e.Range().Filename].text(e.Range()))
	if text == "" {
		text = "unknown value"
	}
	u := model.NewUnknown(text, rng)
	if top {
		if t := traversalOf(e); t != nil {
			u.Ref, u.Hint = refOf(t)
		}
	}
	return u
}

// traversalOf returns the traversal that e is exactly, through parentheses
// and "${...}" wrappers; nil for any other expression.
func traversalOf(e hcl.Expression) hcl.Traversal {
	for {
		switch x := e.(type) {
		case *hclsyntax.ParenthesesExpr:
			e = x.Expression
		case *hclsyntax.TemplateWrapExpr:
			e = x.Wrapped
		case *hclsyntax.ScopeTraversalExpr:
			return x.Traversal
		default:
			return nil
		}
	}
}

// refOf names the resource a traversal reads from and what the value is
// known to be: data.aws_caller_identity.X.account_id is this account.
func refOf(t hcl.Traversal) (*model.Ref, model.Hint) {
	var names []string
	for _, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			names = append(names, s.Name)
		case hcl.TraverseAttr:
			names = append(names, s.Name)
		case hcl.TraverseIndex, hcl.TraverseSplat:
			// aws_s3_bucket.b[0].arn: the index does not change the target
		}
	}
	if len(names) < 2 {
		return nil, model.NoHint
	}
	attr := func(i int) string {
		if i < len(names) {
			return names[i]
		}
		return ""
	}
	switch root := names[0]; {
	case root == "data":
		if len(names) < 3 {
			return nil, model.NoHint
		}
		ref := &model.Ref{Target: "data." + names[1] + "." + names[2], Attr: attr(3)}
		hint := model.NoHint
		if len(names) == 4 {
			switch names[1] + "." + names[3] {
			case "aws_caller_identity.account_id":
				hint = model.ThisAccount
			case "aws_partition.partition":
				hint = model.ThisPartition
			case "aws_region.name", "aws_region.region":
				hint = model.ThisRegion
			}
		}
		return ref, hint
	case root == "module":
		return &model.Ref{Target: "module." + names[1], Attr: attr(2)}, model.NoHint
	case reservedRoots[root]:
		return nil, model.NoHint
	default:
		return &model.Ref{Target: root + "." + names[1], Attr: attr(2)}, model.NoHint
	}
}
