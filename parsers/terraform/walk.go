package terraform

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/configward/configward/parsers/model"
)

// resource is one instance of a resource or data block with its model
// resource.
type resource struct {
	res   *model.Resource
	blk   *block
	scope *scope
}

// walker turns the blocks of one module instance into model resources.
// Object and tuple constructors, jsonencode arguments, conditionals with a
// known condition, references to locals, module outputs and
// aws_iam_policy_document data sources are walked as syntax, so each
// element keeps its own range; everything else is evaluated.
type walker struct {
	m   *module
	ev  *evaluator
	cfg *config

	resources []*resource
	// byAddr holds the single-instance resources by address without the
	// module prefix, for references to policy documents.
	byAddr map[string]*resource
	// busy guards against walking a local or a policy document through
	// itself.
	busy map[string]bool
	// docs caches rendered aws_iam_policy_document documents by address.
	docs map[string]*model.Value
	// scope is the instance being walked: count, each, dynamic iterators.
	scope *scope
	// skim is set while walking a body that nothing reads (SkimBodies):
	// expr then returns nil for an attribute value it did not evaluate.
	skim bool
	// policyIndex maps each resource to its policies by property; shared
	// by the walkers of one configuration.
	policyIndex map[*model.Resource]map[string]*model.Policy
}

// maxNodes bounds the values built for one configuration: locals that refer
// to each other several times expand, and hostile input must not make that
// exponential. Past it, values are unknown.
const maxNodes = 1 << 20

// spend counts one node; false once the configuration is over maxNodes.
func (w *walker) spend(at model.Range) bool {
	cfg := w.cfg
	cfg.nodes++
	if cfg.nodes <= maxNodes {
		return true
	}
	if !cfg.overflow {
		cfg.overflow = true
		cfg.diags = append(cfg.diags, model.Diagnostic{
			Severity: model.DiagWarning, Summary: "Module too large to evaluate",
			Detail: fmt.Sprintf("The module's values expand to more than %d nodes; the rest are left unknown.", maxNodes),
			Range:  at,
		})
	}
	return false
}

// walker returns the module instance's walker.
func (ev *evaluator) walker() *walker {
	if ev.w == nil {
		if ev.cfg.policyIndex == nil {
			ev.cfg.policyIndex = map[*model.Resource]map[string]*model.Policy{}
		}
		ev.w = &walker{
			m: ev.m, ev: ev, cfg: ev.cfg,
			byAddr:      map[string]*resource{},
			busy:        map[string]bool{},
			docs:        map[string]*model.Value{},
			policyIndex: ev.cfg.policyIndex,
		}
	}
	return ev.w
}

// eval evaluates an expression in the instance being walked.
func (w *walker) eval(e hcl.Expression) cty.Value { return w.ev.eval(e, w.scope) }

// walkResources builds a model resource for every instance of every
// resource and data block, in file order. Bodies are walked after every
// resource is known, so a reference to a data source declared further down
// still resolves.
func (w *walker) walkResources() {
	calls := w.ev.callChain()
	for i := range w.ev.resources {
		rb := &w.ev.resources[i]
		x := w.ev.expand(rb)
		if x.mode == 0 && w.ev.call == nil && !w.ev.chargeInstances(rb.blk.DefRange, "resource", 1) {
			continue
		}
		for _, inst := range x.instances(nil) {
			r := &resource{blk: rb.blk, scope: inst.scope, res: &model.Resource{
				Type: rb.typ, Name: rb.name, Address: w.ev.prefix + rb.addr + inst.key, DefRange: toRange(rb.blk.DefRange),
				Calls: calls,
			}}
			w.resources = append(w.resources, r)
			if x.mode == 0 {
				w.byAddr[rb.addr] = r
			}
		}
	}
	for _, r := range w.resources {
		r.res.Body = w.resourceBody(r)
		r.res.Region = w.regionOf(r)
	}
}

// resourceBody walks a resource body once (a data source may be needed
// before its turn by a reference to its rendered document), skimmed when
// nothing reads it.
func (w *walker) resourceBody(r *resource) *model.Value {
	if r.res.Body == nil {
		saved, skim := w.scope, w.skim
		w.scope, w.skim = r.scope, w.cfg.opts.SkimBodies && !bodyRead(r.res.Type)
		r.res.Body = w.body(r.blk, true)
		w.scope, w.skim = saved, skim
	}
	return r.res.Body
}

// resourceMeta reports whether name is a meta-argument or block left out
// of a resource's body: they say how Terraform manages the resource, not
// what it is.
func resourceMeta(name string) bool {
	switch name {
	case "depends_on", "provider", "lifecycle", "provisioner", "connection", "count", "for_each":
		return true
	}
	return false
}

// body walks a block body into an Object: attributes become fields, nested
// blocks a field holding a list of objects (one per block). A dynamic block
// expands into one object per element of its for_each; one whose for_each
// is not known makes its field unknown.
func (w *walker) body(b *block, top bool) *model.Value {
	if b.Syntax != nil {
		return w.syntaxBody(b.Range, b.Syntax, top)
	}
	obj := &model.Value{Kind: model.Object, Range: toRange(b.Range), Fields: []*model.Field{}}
	for _, a := range w.m.attributes(b.Body) {
		if top && resourceMeta(a.Name) {
			continue
		}
		if v := w.attrValue(a.Name, a.Expr, top); v != nil {
			obj.Fields = append(obj.Fields, &model.Field{Key: a.Name, KeyRange: toRange(a.NameRange), Value: v})
		}
	}
	return obj
}

// syntaxBody is body for a block in native syntax, at rng; nested blocks
// are walked as they are, without a block made for each.
func (w *walker) syntaxBody(rng hcl.Range, sb *hclsyntax.Block, top bool) *model.Value {
	obj := &model.Value{Kind: model.Object, Range: toRange(rng), Fields: []*model.Field{}}
	type item struct {
		at    hcl.Range
		field *model.Field
	}
	// A body walked whole keeps nearly every attribute and block: its
	// items and fields are made in one block each. A skimmed one keeps
	// few (the sensitive values), each made as it is kept.
	var items []item
	var fields []model.Field
	if !w.skim {
		items = make([]item, 0, len(sb.Body.Attributes)+len(sb.Body.Blocks))
		fields = make([]model.Field, 0, len(sb.Body.Attributes))
	}
	for _, a := range sortedAttrs(sb.Body) {
		if top && resourceMeta(a.Name) {
			continue
		}
		if v := w.attrValue(a.Name, a.Expr, top); v != nil {
			f := model.Field{Key: a.Name, KeyRange: toRange(a.NameRange), Value: v}
			var fp *model.Field
			if len(fields) < cap(fields) {
				fields = append(fields, f)
				fp = &fields[len(fields)-1]
			} else {
				fp = &f
			}
			items = append(items, item{a.SrcRange, fp})
		}
	}
	groups := map[string]*model.Field{}
	for _, nb := range sb.Body.Blocks {
		key, dynamic := nb.Type, false
		if nb.Type == "dynamic" && len(nb.Labels) == 1 {
			key, dynamic = nb.Labels[0], true
		}
		if top && resourceMeta(key) {
			continue
		}
		f := groups[key]
		if f == nil {
			f = &model.Field{Key: key, KeyRange: toRange(nb.TypeRange), Value: &model.Value{Kind: model.List, Range: toRange(nb.Range()), Items: []*model.Value{}}}
			groups[key] = f
			items = append(items, item{nb.Range(), f})
		}
		if f.Value.IsUnknown() {
			continue
		}
		if dynamic {
			objs, ok := w.dynamic(nb)
			if !ok {
				f.Value = model.NewUnknown("dynamic \""+key+"\" block", toRange(nb.Range()))
				continue
			}
			f.Value.Items = append(f.Value.Items, objs...)
		} else {
			f.Value.Items = append(f.Value.Items, w.syntaxBody(nb.Range(), nb, false))
		}
		f.Value.Range.End = toRange(nb.Range()).End
	}
	slices.SortStableFunc(items, func(a, b item) int { return attrOrder(a.at, b.at) })
	if !w.skim {
		obj.Fields = make([]*model.Field, 0, len(items))
	}
	for _, it := range items {
		// A skimmed body keeps a region field, as attrValue does: a
		// resource without one takes its provider's region.
		if w.kept(it.field.Value) != nil || top && it.field.Key == "region" {
			obj.Fields = append(obj.Fields, it.field)
		}
	}
	return obj
}

// attrValue walks an attribute's value. A resource's own region is walked
// whole even in a skimmed body: it is the resource's Region.
func (w *walker) attrValue(name string, e hcl.Expression, top bool) *model.Value {
	if w.skim && top && name == "region" {
		w.skim = false
		defer func() { w.skim = true }()
	}
	return w.expr(e)
}

// dynamic expands a dynamic block: its content block once per element of
// for_each, with the iterator (the block's label, or its iterator
// argument) holding key and value. ok is false when for_each is not known.
func (w *walker) dynamic(nb *hclsyntax.Block) (objs []*model.Value, ok bool) {
	fe := nb.Body.Attributes["for_each"]
	var content *hclsyntax.Block
	for _, c := range nb.Body.Blocks {
		if c.Type == "content" {
			content = c
		}
	}
	if fe == nil || content == nil {
		return nil, false
	}
	iter := nb.Labels[0]
	if a := nb.Body.Attributes["iterator"]; a != nil {
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			iter = kw
		}
	}
	x := w.ev.expandForEach(fe.AsHCLAttribute(), w.eval(fe.Expr), true)
	if x.unknown {
		return nil, false
	}
	saved := w.scope
	defer func() { w.scope = saved }()
	objs = []*model.Value{}
	for i, k := range x.keys {
		w.scope = saved.with(iter, cty.ObjectVal(map[string]cty.Value{"key": k, "value": x.vals[i]}))
		objs = append(objs, w.syntaxBody(content.Range(), content, false))
	}
	return objs, true
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
			if v := w.expr(it); v != nil {
				list.Items = append(list.Items, v)
			}
		}
		return w.kept(list)
	case *hclsyntax.FunctionCallExpr:
		if e.Name == "jsonencode" && len(e.Args) == 1 && !e.ExpandFinal {
			return w.expr(e.Args[0])
		}
	case *hclsyntax.ConditionalExpr:
		c := w.eval(e.Condition)
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
		if v, ok := w.reference(e); ok {
			return v
		}
	case *hclsyntax.TemplateExpr:
		v := w.leaf(e)
		if v != nil && v.IsUnknown() {
			v.Glob = w.templateGlob(e)
		}
		return v
	case hclsyntax.Expression:
	default:
		// .tf.json: objects and arrays are walked, strings evaluated as
		// templates.
		if pairs, diags := hcl.ExprMap(e); !diags.HasErrors() {
			obj := &model.Value{Kind: model.Object, Range: rangeOf(e), Fields: []*model.Field{}}
			for _, p := range pairs {
				k, _ := p.Key.Value(nil)
				if k.Type() != cty.String || !k.IsKnown() || k.IsNull() {
					return w.leaf(e)
				}
				if v := w.expr(p.Value); v != nil {
					obj.Fields = append(obj.Fields, &model.Field{Key: k.AsString(), KeyRange: rangeOf(p.Key), Value: v})
				}
			}
			return w.kept(obj)
		}
		if items, diags := hcl.ExprList(e); !diags.HasErrors() {
			list := &model.Value{Kind: model.List, Range: rangeOf(e), Items: []*model.Value{}}
			for _, it := range items {
				if v := w.expr(it); v != nil {
					list.Items = append(list.Items, v)
				}
			}
			return w.kept(list)
		}
	}
	return w.leaf(e)
}

// kept is v, or nil when skimming and v holds no sensitive value.
func (w *walker) kept(v *model.Value) *model.Value {
	if !w.skim {
		return v
	}
	sensitive := false
	v.Walk(func(n *model.Value) bool {
		sensitive = sensitive || n.Sensitive
		return !sensitive
	})
	if !sensitive {
		return nil
	}
	return v
}

// leaf evaluates e into a value. While skimming it is nil unless e's
// value is sensitive: not evaluated (evalFor), or evaluated only for the
// problems it may record.
func (w *walker) leaf(e hcl.Expression) *model.Value {
	v, ok := w.ev.evalFor(e, w.scope, w.skim)
	if !ok || w.skim && !hasMarks(v) {
		return nil
	}
	return w.fromCty(v, e, true)
}

// object walks an object constructor. A key that is not a known string
// makes the whole object unknown.
func (w *walker) object(e *hclsyntax.ObjectConsExpr) *model.Value {
	obj := &model.Value{Kind: model.Object, Range: rangeOf(e), Fields: []*model.Field{}}
	for _, it := range e.Items {
		key, ok := w.objectKey(it.KeyExpr)
		if !ok {
			return w.leaf(e)
		}
		if v := w.expr(it.ValueExpr); v != nil {
			obj.Fields = append(obj.Fields, &model.Field{Key: key, KeyRange: rangeOf(it.KeyExpr), Value: v})
		}
	}
	return w.kept(obj)
}

func (w *walker) objectKey(e hcl.Expression) (string, bool) {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok && !k.ForceNonLiteral {
		if kw := hcl.ExprAsKeyword(k.Wrapped); kw != "" {
			return kw, true
		}
	}
	v, _ := w.eval(e).Unmark()
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

// reference walks local.NAME as the local's own syntax, module.NAME.OUTPUT
// as the output's syntax in the module, and
// data.aws_iam_policy_document.N.json as the rendered document; ok is
// false for any other traversal.
func (w *walker) reference(e *hclsyntax.ScopeTraversalExpr) (v *model.Value, ok bool) {
	t := e.Traversal
	names := traversalNames(t)
	if len(names) != len(t) {
		return nil, false
	}
	switch {
	case len(names) == 2 && names[0] == "local":
		a := w.ev.localAttrs[names[1]]
		key := "local." + names[1]
		if a == nil || w.busy[key] || len(w.busy) >= maxEvalDepth {
			return nil, false
		}
		w.busy[key] = true
		expr, done := w.ev.cfg.localSyntax(a.Expr)
		v := w.expr(expr)
		done()
		delete(w.busy, key)
		return w.atUse(v, e), true
	case len(names) == 3 && names[0] == "module":
		c := w.ev.callNamed(names[1])
		if c == nil {
			return nil, false
		}
		child := c.single()
		if child == nil {
			return nil, false
		}
		o := child.outputNamed(names[2])
		cw := child.walker()
		key := "output." + names[2]
		if o == nil || o.attr == nil || cw.busy[key] {
			return nil, false
		}
		cw.busy[key] = true
		// A sensitive output is walked whole, even for a skimmed body:
		// its values are masked.
		saved, skim := cw.scope, cw.skim
		cw.scope, cw.skim = nil, w.skim && !o.sensitive
		v := cw.expr(o.attr.Expr)
		cw.scope, cw.skim = saved, skim
		delete(cw.busy, key)
		if o.sensitive {
			v.Walk(func(n *model.Value) bool { n.Sensitive = true; return true })
		}
		return w.atUse(v, e), true
	case len(names) == 4 && names[0] == "data" && names[1] == "aws_iam_policy_document" &&
		(names[3] == "json" || names[3] == "minified_json"):
		v := w.policyDocument("data.aws_iam_policy_document."+names[2], e)
		return v, v != nil
	}
	return nil, false
}

// atUse points a scalar walked elsewhere (a local, a module output) at its
// use; an unknown one keeps what it refers to. Objects and lists keep
// their own ranges, where each element is written.
func (w *walker) atUse(v *model.Value, e hcl.Expression) *model.Value {
	if v == nil || v.Kind == model.Object || v.Kind == model.List {
		return v
	}
	c := *v
	c.Range = rangeOf(e)
	if c.Kind == model.Unknown {
		c.Reason = w.cfg.sources[e.Range().Filename].reason(e.Range())
	}
	return &c
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
		out = model.NewNumber(numberText(v.AsBigFloat()), rng)
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

// numberText writes a number as Text('f', -1) does. A whole number that
// fits an int64 is written without the big decimal conversion, which
// for a number read from the configuration (512 bits of mantissa) costs
// some 150,000 instructions: on a published module with a few hundred
// ports and sizes in its resources, 2-3% of the scan.
func numberText(f *big.Float) string {
	if f.IsInt() && (f.Sign() != 0 || !f.Signbit()) {
		if i, acc := f.Int64(); acc == big.Exact {
			return strconv.FormatInt(i, 10)
		}
	}
	return f.Text('f', -1)
}

// unknown builds the unknown value of expression e: its Reason is the
// source text, and a traversal gives the resource it refers to.
func (w *walker) unknown(e hcl.Expression, rng model.Range, top bool) *model.Value {
	text := w.cfg.sources[e.Range().Filename].reason(e.Range())
	if text == "" {
		text = "unknown value"
	}
	u := model.NewUnknown(text, rng)
	if top {
		u.Ref, u.Hint = w.refOf(e)
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

// refOf names the resource an expression reads from, and what the value
// is known to be: data.aws_caller_identity.X.account_id is this account.
// Instance keys are kept when known (aws_s3_bucket.b["eu"],
// aws_s3_bucket.b[each.key], each.value of a for_each over resources), and
// the target carries the module instance's address prefix.
func (w *walker) refOf(e hcl.Expression) (*model.Ref, model.Hint) {
	for {
		switch x := e.(type) {
		case *hclsyntax.ParenthesesExpr:
			e = x.Expression
			continue
		case *hclsyntax.TemplateWrapExpr:
			e = x.Wrapped
			continue
		case *hclsyntax.ScopeTraversalExpr:
			return w.refOfTraversal(x.Traversal, 0)
		case *hclsyntax.RelativeTraversalExpr:
			if ix, ok := x.Source.(*hclsyntax.IndexExpr); ok {
				if st, ok := ix.Collection.(*hclsyntax.ScopeTraversalExpr); ok {
					k, _ := w.eval(ix.Key).Unmark()
					t := append(append(append(hcl.Traversal{}, st.Traversal...), hcl.TraverseIndex{Key: k}), x.Traversal...)
					return w.refOfTraversal(t, 0)
				}
			}
		case *hclsyntax.IndexExpr:
			if st, ok := x.Collection.(*hclsyntax.ScopeTraversalExpr); ok {
				k, _ := w.eval(x.Key).Unmark()
				t := append(append(hcl.Traversal{}, st.Traversal...), hcl.TraverseIndex{Key: k})
				return w.refOfTraversal(t, 0)
			}
		}
		return nil, model.NoHint
	}
}

func (w *walker) refOfTraversal(t hcl.Traversal, depth int) (*model.Ref, model.Hint) {
	// each.value of a for_each over resources is one of them.
	if t.RootName() == "each" && len(t) >= 2 && w.scope != nil && w.scope.forEach != nil && depth == 0 {
		if a, ok := t[1].(hcl.TraverseAttr); ok && a.Name == "value" {
			if st, ok := w.scope.forEach.(*hclsyntax.ScopeTraversalExpr); ok {
				ft := append(append(append(hcl.Traversal{}, st.Traversal...), hcl.TraverseIndex{Key: w.scope.key}), t[2:]...)
				return w.refOfTraversal(ft, depth+1)
			}
		}
	}
	ref, hint := refOf(t)
	if ref != nil {
		ref.Target = w.ev.prefix + ref.Target
	}
	return ref, hint
}

// refOf reads the target of a traversal: the resource address (with the
// instance key when it is known) and the attribute read from it.
func refOf(t hcl.Traversal) (*model.Ref, model.Hint) {
	// steps are the names and index keys, in order.
	type step struct {
		name string
		key  string // an instance key, "" for a name
	}
	var steps []step
	for _, s := range t {
		switch s := s.(type) {
		case hcl.TraverseRoot:
			steps = append(steps, step{name: s.Name})
		case hcl.TraverseAttr:
			steps = append(steps, step{name: s.Name})
		case hcl.TraverseIndex:
			k := keyString(s.Key)
			if k == "[*]" {
				k = ""
			}
			steps = append(steps, step{key: k})
		case hcl.TraverseSplat:
			steps = append(steps, step{})
		}
	}
	if len(steps) < 2 || steps[0].name == "" {
		return nil, model.NoHint
	}
	// target takes n names, then an instance key when one follows; the
	// attribute is the next name.
	target := func(n int) (*model.Ref, []step) {
		var parts []string
		for i := 0; i < n; i++ {
			if i >= len(steps) || steps[i].name == "" {
				return nil, nil
			}
			parts = append(parts, steps[i].name)
		}
		ref := &model.Ref{Target: strings.Join(parts, ".")}
		rest := steps[n:]
		if len(rest) > 0 && rest[0].name == "" {
			ref.Target += rest[0].key
			rest = rest[1:]
		}
		if len(rest) > 0 && rest[0].name != "" {
			ref.Attr = rest[0].name
		}
		return ref, rest
	}
	switch root := steps[0].name; {
	case root == "data":
		ref, _ := target(3)
		if ref == nil {
			return nil, model.NoHint
		}
		hint := model.NoHint
		if len(steps) == 4 && steps[3].name != "" {
			switch steps[1].name + "." + steps[3].name {
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
		ref, _ := target(2)
		return ref, model.NoHint
	case reservedRoot(root):
		return nil, model.NoHint
	default:
		ref, _ := target(2)
		return ref, model.NoHint
	}
}
