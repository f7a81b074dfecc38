package terraform

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/configward/configward/parsers/model"
)

// sensitiveMark marks cty values that come from sensitive variables; the
// marks follow the values through functions and templates.
const sensitiveMark = "sensitive"

// reservedRoot reports whether a traversal root names no resource type.
func reservedRoot(root string) bool {
	switch root {
	case "var", "local", "data", "module", "path", "terraform", "count", "each", "self", "ephemeral":
		return true
	}
	return false
}

// lazy is a value computed on first use: a variable, a local, a module
// output, a module call or a resource's instance keys. Evaluating on
// demand follows Terraform's graph at the same granularity (one node per
// variable, local and output), so references between modules work in any
// order; a value met again while it is being computed is a cycle.
type lazy struct {
	state uint8 // 0 to do, 1 busy, 2 done
	kind  lazyKind
	val   cty.Value
	// ev is the module instance and at the value's declaration (the
	// declaration's own range: an instance of a module keeps one of these
	// for each of its values); of is what the value is computed from, by
	// kind, and names it (name).
	ev *evaluator
	at *hcl.Range
	of any
}

// lazyKind says what a lazy value is, and so how it is computed.
type lazyKind uint8

const (
	lazyVar      lazyKind = iota // of: *variable
	lazyLocal                    // of: *hcl.Attribute
	lazyOutput                   // of: *output
	lazyResource                 // of: *resourceBlock
)

// what names the value in cycle reports ("local.x", "module.a.var.y").
func (l *lazy) what() string {
	switch l.kind {
	case lazyVar:
		return l.ev.prefix + "var." + l.name()
	case lazyLocal:
		return "local." + l.name()
	case lazyOutput:
		return l.ev.prefix + "output." + l.name()
	}
	return l.ev.prefix + l.name()
}

// name is the value's name in its module instance: its declaration's.
func (l *lazy) name() string {
	switch l.kind {
	case lazyVar:
		return l.of.(*variable).name
	case lazyLocal:
		return l.of.(*hcl.Attribute).Name
	case lazyOutput:
		return l.of.(*output).name
	}
	return l.of.(*resourceBlock).addr
}

// fn computes the value.
func (l *lazy) fn() cty.Value {
	ev := l.ev
	switch l.kind {
	case lazyVar:
		return ev.varValue(l.of.(*variable))
	case lazyLocal:
		e, done := ev.cfg.localSyntax(l.of.(*hcl.Attribute).Expr)
		defer done()
		return ev.eval(e, nil)
	case lazyOutput:
		o := l.of.(*output)
		if o.attr == nil {
			return cty.DynamicVal
		}
		v := ev.eval(o.attr.Expr, nil)
		if o.sensitive {
			v = v.Mark(sensitiveMark)
		}
		return v
	}
	return ev.expand(l.of.(*resourceBlock)).shape()
}

// maxEvalDepth bounds chains of values that refer to each other (a local
// referring to a local, ten thousand times), which evaluate recursively.
const maxEvalDepth = 2000

const (
	lazyTodo uint8 = iota
	lazyBusy
	lazyDone
)

// force computes a lazy value once.
func (cfg *config) force(l *lazy) cty.Value {
	switch l.state {
	case lazyDone:
		return l.val
	case lazyBusy:
		cfg.cycle(l)
		return cty.DynamicVal
	}
	if len(cfg.stack) >= maxEvalDepth {
		if !cfg.deep {
			cfg.deep = true
			cfg.diags = append(cfg.diags, model.Diagnostic{
				Severity: model.DiagError, Summary: tooLargeSummary,
				Detail: fmt.Sprintf("Values refer to each other more than %d levels deep; configward does not follow them further, and they are unknown.", maxEvalDepth),
				Range:  toRange(*l.at),
			})
		}
		return cty.DynamicVal
	}
	l.state = lazyBusy
	depth := len(cfg.stack)
	cfg.stack = append(cfg.stack, l)
	v := cfg.compute(l)
	cfg.stack = cfg.stack[:depth]
	if tooBig(v) {
		v = cty.DynamicVal
	}
	l.val, l.state = v, lazyDone
	return v
}

// compute runs a lazy value's function; a panic (in go-cty on hostile
// input) gives an unknown value, and is reported at the value's
// declaration.
func (cfg *config) compute(l *lazy) (v cty.Value) {
	defer func() {
		if p := recover(); p != nil {
			v = cty.DynamicVal
			cfg.internalError(*l.at, p)
		}
	}()
	v = l.fn()
	if v == cty.NilVal {
		v = cty.DynamicVal
	}
	return v
}

// internalError reports a panic met while evaluating the expression at
// rng: an error diagnostic there (invalid input, so the run shows it
// wherever findings go) and a note, for the notifications.
func (cfg *config) internalError(rng hcl.Range, p any) {
	d := model.Diagnostic{
		Severity: model.DiagError,
		Summary:  "Internal error while evaluating this expression",
		Detail:   fmt.Sprintf("%v; configward treats its value as unknown. Please report it.", p),
		Range:    toRange(rng),
	}
	cfg.diags = append(cfg.diags, d)
	d.Severity = model.DiagWarning
	cfg.notes = append(cfg.notes, d)
}

// cycle reports the cycle that ends at l: the values on the stack from
// l's first occurrence. Each cycle is reported once.
func (cfg *config) cycle(l *lazy) {
	i := len(cfg.stack) - 1
	for i >= 0 && cfg.stack[i] != l {
		i--
	}
	if i < 0 {
		return
	}
	chain := cfg.stack[i:]
	var parts []string
	allLocals := true
	for _, n := range chain {
		parts = append(parts, fmt.Sprintf("%s (%s)", n.what(), toRange(*n.at)))
		allLocals = allLocals && n.kind == lazyLocal
	}
	parts = append(parts, chain[0].what())
	summary, what := "Cycle in local values", "The local values refer to each other in a cycle: "
	if !allLocals {
		summary, what = "Cycle in module values", "These values refer to each other in a cycle: "
	}
	cfg.diags = append(cfg.diags, model.Diagnostic{
		Severity: model.DiagError, Summary: summary,
		Detail: what + strings.Join(parts, " -> ") + ". Their values are unknown.",
		Range:  toRange(*chain[0].at),
	})
}

// variable is an input variable of a module instance.
type variable struct {
	*varDecl
	val  cty.Value // root module: set by tfvars or --var, cty.NilVal until then
	node lazy
}

// scope holds the names an instance adds to expressions: count, each, and
// the iterators of dynamic blocks.
type scope struct {
	vars map[string]cty.Value
	// forEach is the for_each expression of the resource instance, so that
	// each.value of a for_each over resources refers to one of them.
	forEach hcl.Expression
	key     cty.Value
}

// with returns a scope with one more name.
func (s *scope) with(name string, v cty.Value) *scope {
	out := &scope{vars: map[string]cty.Value{name: v}}
	if s != nil {
		for k, x := range s.vars {
			if k != name {
				out.vars[k] = x
			}
		}
		out.forEach, out.key = s.forEach, s.key
	}
	return out
}

// evaluator is one module instance: the root module, or a module call (one
// per count or for_each key). Everything it cannot know offline
// (resources' computed attributes, data sources, unset variables, unknown
// functions) evaluates to an unknown value.
type evaluator struct {
	cfg *config
	m   *module
	// parent is the calling module instance, nil for the root; call and
	// callScope are the module block and its instance's count or each.
	parent    *evaluator
	call      *moduleCall
	callScope *scope
	// prefix is the instance's address prefix: "", "module.a.",
	// "module.a[\"x\"].module.b.".
	prefix string
	// key is the path of module names used by modules.json ("a.b").
	key   string
	depth int
	// dirs are the module directories from the root to this one, for
	// module cycles.
	dirs []string

	// The instance's values of the module's declarations (decls), in
	// their order there.
	d          *decls
	localAttrs map[string]*hcl.Attribute
	vars       []variable
	locals     []lazy
	outputs    []output
	calls      []moduleCall
	resources  []resourceBlock
	// provs maps a provider configuration ("aws", "aws.eu") to its region.
	provs map[string]*providerConf

	// base holds the path and terraform objects, shared by every
	// instance of the scan with the same path.module (Cache.base).
	base map[string]cty.Value
	w    *walker
	// objects holds the root objects of one attribute (context) by root
	// and attribute name.
	objects map[string]map[string]rootObject
}

// output is a module output of a module instance.
type output struct {
	*outputDecl
	node lazy
}

// newRootEvaluator reads the root module's declarations and assigns its
// variables from tfvars files and options.
func newRootEvaluator(cfg *config, m *module) *evaluator {
	ev := newEvaluator(cfg, m, nil)
	ev.assignVariables(cfg.opts)
	ev.declareProviders(ev.provs)
	return ev
}

func newEvaluator(cfg *config, m *module, parent *evaluator) *evaluator {
	ev := &evaluator{cfg: cfg, m: m, parent: parent, provs: map[string]*providerConf{}}
	pm := "."
	if rel, ok := relPath(cfg.root, m.dir); ok {
		pm = rel
	}
	ev.base = cfg.cache.base(pm)
	if parent != nil {
		ev.dirs = append(append([]string(nil), parent.dirs...), m.dir)
	} else {
		ev.dirs = []string{m.dir}
	}
	ev.declare()
	return ev
}

// relPath is target relative to base, both slash paths inside the root:
// "modules/s3" from ".", "../shared" from "live".
func relPath(base, target string) (string, bool) {
	if base == target {
		return ".", true
	}
	b := strings.Split(base, "/")
	if base == "." {
		b = nil
	}
	t := strings.Split(target, "/")
	if target == "." {
		t = nil
	}
	i := 0
	for i < len(b) && i < len(t) && b[i] == t[i] {
		i++
	}
	var parts []string
	for range b[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, t[i:]...)
	if len(parts) == 0 {
		return ".", true
	}
	return strings.Join(parts, "/"), true
}

// finish makes every local, module call and resource known to the
// evaluation and checks references; locals are evaluated in name order so
// that cycles are reported the same way every time.
func (ev *evaluator) finish() {
	if !ev.m.checked {
		ev.m.checked = true
		ev.cfg.diags = append(ev.cfg.diags, ev.d.refDiags...)
	}
	for i := range ev.locals {
		l := &ev.locals[i]
		unused := ev.d.unused != nil && ev.d.unused[i]
		if c, ok := l.of.(*hcl.Attribute).Expr.(*compactExpr); ok && c.inert && unused {
			// Nothing reads its value, and evaluating it would report
			// nothing: not parsed again.
			l.val, l.state = cty.DynamicVal, lazyDone
			continue
		}
		ev.cfg.force(l)
		if unused {
			// Evaluated for its problems; nothing reads its value.
			l.val = cty.DynamicVal
		}
	}
}

// declare makes the instance's values of the module's declarations: its
// variables, locals, outputs, module calls and resources, each kind in one
// allocation (a module is instantiated once per call in every unit).
func (ev *evaluator) declare() {
	d := ev.m.decls()
	ev.d = d
	ev.cfg.diags = append(ev.cfg.diags, d.diags...)
	ev.localAttrs = d.localAttrs
	ev.vars = make([]variable, len(d.vars))
	for i, vd := range d.vars {
		v := &ev.vars[i]
		v.varDecl = vd
		v.node = lazy{kind: lazyVar, ev: ev, at: &vd.decl, of: v}
	}
	ev.locals = make([]lazy, len(d.localNames))
	for i, n := range d.localNames {
		a := d.localAttrs[n]
		ev.locals[i] = lazy{kind: lazyLocal, ev: ev, at: &a.NameRange, of: a}
	}
	ev.outputs = make([]output, len(d.outputs))
	for i, od := range d.outputs {
		o := &ev.outputs[i]
		o.outputDecl = od
		o.node = lazy{kind: lazyOutput, ev: ev, at: &od.at, of: o}
	}
	ev.calls = make([]moduleCall, len(d.calls))
	for i, cd := range d.calls {
		ev.calls[i] = moduleCall{name: cd.name, blk: cd.blk, parent: ev, inputs: cd.inputs, meta: cd.meta}
	}
	ev.resources = make([]resourceBlock, len(d.resources))
	for i, rd := range d.resources {
		rb := &ev.resources[i]
		rb.resourceDecl = rd
		rb.node = lazy{kind: lazyResource, ev: ev, at: &rd.blk.DefRange, of: rb}
	}
}

// varNamed, localNamed, outputNamed, callNamed and resourceNamed return the instance's value
// of a declaration by name, nil when the module declares none.
func (ev *evaluator) varNamed(name string) *variable {
	if i, ok := ev.d.varIndex[name]; ok {
		return &ev.vars[i]
	}
	return nil
}

func (ev *evaluator) localNamed(name string) *lazy {
	if i, ok := ev.d.localIndex[name]; ok {
		return &ev.locals[i]
	}
	return nil
}

func (ev *evaluator) outputNamed(name string) *output {
	if i, ok := ev.d.outputIndex[name]; ok {
		return &ev.outputs[i]
	}
	return nil
}

func (ev *evaluator) callNamed(name string) *moduleCall {
	if i, ok := ev.d.callIndex[name]; ok {
		return &ev.calls[i]
	}
	return nil
}

func (ev *evaluator) resourceNamed(addr string) *resourceBlock {
	if i, ok := ev.d.resourceIndex[addr]; ok {
		return &ev.resources[i]
	}
	return nil
}

// convertVar converts val to the variable's type, applying the type's
// optional attribute defaults.
func (m *module) convertVar(v *varDecl, val cty.Value, at hcl.Range, assigned bool) (cty.Value, bool) {
	if v.defaults != nil && !val.IsNull() {
		val = v.defaults.Apply(val)
	}
	conv, err := convert.Convert(val, v.ty)
	if err != nil {
		what := "default value"
		if assigned {
			what = "value"
		}
		m.diag(at, "Invalid "+what+" for variable", fmt.Sprintf("The %s for variable %q is not a %s: %s.", what, v.name, v.ty.FriendlyName(), err))
		return cty.NilVal, false
	}
	return conv, true
}

// varValue is a variable's value: the module call's argument, else the
// value assigned by tfvars or --var (root module), else the default; a
// null for a variable that is not nullable takes the default.
func (ev *evaluator) varValue(v *variable) cty.Value {
	val := v.val
	if ev.call != nil {
		if a := ev.call.inputs[v.name]; a != nil {
			in := ev.parent.eval(a.Expr, ev.callScope)
			if c, ok := ev.m.convertVar(v.varDecl, in, a.Expr.Range(), true); ok {
				val = c
			} else {
				val = cty.DynamicVal
			}
		}
	}
	if (val == cty.NilVal || (val.IsKnown() && val.IsNull() && !v.nullable)) && v.def != cty.NilVal {
		val = v.def
	}
	if val == cty.NilVal {
		val = cty.DynamicVal
	}
	if v.sensitive {
		val = val.Mark(sensitiveMark)
	}
	return val
}

// assignVariables applies, last wins: terraform.tfvars,
// terraform.tfvars.json, *.auto.tfvars(.json) in lexical order, the
// --var-file files, then --var values.
func (ev *evaluator) assignVariables(opts Options) {
	var files []string
	for _, want := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		for _, e := range ev.m.entries {
			if e == want {
				files = append(files, relName(ev.m.dir, e))
			}
		}
	}
	var auto []string
	for _, e := range ev.m.entries {
		if strings.HasSuffix(e, ".auto.tfvars") || strings.HasSuffix(e, ".auto.tfvars.json") {
			auto = append(auto, e)
		}
	}
	sort.Strings(auto)
	for _, e := range auto {
		files = append(files, relName(ev.m.dir, e))
	}
	for _, f := range files {
		ev.readVarFile(f)
	}
	for _, f := range opts.VarFiles {
		clean := path.Clean(strings.ReplaceAll(f, "\\", "/"))
		if !fs.ValidPath(clean) {
			ev.m.diag(fileRange(f), "Invalid variable file path", fmt.Sprintf("%q is not a path inside the scan root; it is not read.", f))
			continue
		}
		ev.readVarFile(clean)
	}
	names := make([]string, 0, len(opts.Vars))
	for n := range opts.Vars {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v := ev.varNamed(n)
		if v == nil {
			continue // Terraform rejects it; nothing here uses it
		}
		text := opts.Vars[n]
		at := hcl.Range{Filename: "<value for var." + n + ">", Start: hcl.InitialPos, End: hcl.InitialPos}
		val := cty.StringVal(text)
		if d, _ := nativeTooDeep([]byte(text), at.Filename); d != nil {
			// kept as the string it is
		} else if expr, diags := hclsyntax.ParseExpression([]byte(text), at.Filename, hcl.InitialPos); !diags.HasErrors() {
			if c, diags := expr.Value(nil); !diags.HasErrors() && c.IsWhollyKnown() {
				val = c
			}
		}
		if c, ok := ev.m.convertVar(v.varDecl, val, at, true); ok {
			v.val = c
		}
	}
}

func (ev *evaluator) readVarFile(rel string) {
	src, ok := ev.cfg.readFile(rel, fileRange(rel))
	if !ok {
		return
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(rel, ".json") {
		if d := jsonTooDeep(src, rel); d != nil {
			ev.cfg.diags = append(ev.cfg.diags, *d)
			return
		}
		f, diags = hclparse.NewParser().ParseJSON(src, rel)
	} else {
		if d, _ := nativeTooDeep(src, rel); d != nil {
			ev.cfg.diags = append(ev.cfg.diags, *d)
			return
		}
		f, diags = hclparse.NewParser().ParseHCL(src, rel)
	}
	ev.m.hclDiags(diags)
	if f == nil || f.Body == nil {
		return
	}
	for _, a := range ev.m.attributes(f.Body) {
		v := ev.varNamed(a.Name)
		if v == nil {
			continue // Terraform only warns about undeclared values
		}
		val, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			ev.m.hclDiags(diags)
			continue
		}
		if c, ok := ev.m.convertVar(v.varDecl, val, a.Expr.Range(), true); ok {
			v.val = c
		}
	}
}

// maxValueSize bounds an evaluated value (string bytes plus elements), so
// locals that double each other cannot exhaust memory: a bigger value is
// unknown.
const maxValueSize = 1 << 20

func tooBig(v cty.Value) bool {
	budget := maxValueSize
	return !fits(v, &budget)
}

// fits charges v to the budget; false once it is spent. The order values
// are charged in does not matter (the budget only goes down), so an
// object's attributes are read by name, without ElementIterator's sorted
// names and key values: every variable, local and output of every module
// instance is charged once it is computed.
func fits(v cty.Value, budget *int) bool {
	v, _ = v.Unmark()
	*budget--
	switch ty := v.Type(); {
	case !v.IsKnown() || v.IsNull():
	case ty == cty.String:
		*budget -= len(v.AsString())
	case ty.IsObjectType():
		for name := range ty.AttributeTypes() {
			if *budget < 0 || !fits(v.GetAttr(name), budget) {
				return false
			}
		}
	case ty.IsCollectionType() || ty.IsTupleType():
		for it := v.ElementIterator(); it.Next() && *budget >= 0; {
			_, e := it.Element()
			if !fits(e, budget) {
				return false
			}
		}
	}
	return *budget >= 0
}

// inputs are the values an expression refers to, before they are made
// into its evaluation context.
type inputs struct {
	// refs are the values of attributes of roots (var.x, local.y,
	// aws_s3_bucket.b, module.m), made into an object per root, and of
	// the roots given whole (scope, path, unknown roots; name ""), in
	// the order the expression first names them (so the same for every
	// evaluation of it: a memo key).
	refs []attrRef
	// objs are the roots read whole (var, local), by attribute.
	objs map[string]map[string]cty.Value
	// final is false when a value may still change (one met in a cycle,
	// a module's outputs, a whole root).
	final bool
	// facts are the expression's (looked up once per evaluation).
	facts *exprFacts
}

// inputs computes the values e refers to: only the variables, locals,
// module outputs and resources it names are computed.
func (ev *evaluator) inputs(e hcl.Expression, sc *scope) inputs {
	in := inputs{final: true, facts: ev.m.facts(e)}
	refers := in.facts.vars
	put := func(root, name string, v cty.Value, done bool) {
		if in.refs == nil {
			in.refs = make([]attrRef, 0, len(refers))
		}
		in.refs = append(in.refs, attrRef{root, name, v, done})
		in.final = in.final && done
	}
	set := func(root string, v cty.Value) {
		for _, r := range in.refs {
			if r.root == root && r.name == "" {
				return // the same value: a root is given whole once
			}
		}
		if in.refs == nil {
			in.refs = make([]attrRef, 0, len(refers))
		}
		in.refs = append(in.refs, attrRef{root: root, v: v, final: true})
	}
	var whole []string
	// needs holds the outputs wanted of each module call; nil for all.
	var needs map[string]map[string]bool
	for _, t := range refers {
		root := t.RootName()
		if sc != nil {
			if v, ok := sc.vars[root]; ok {
				set(root, v)
				continue
			}
		}
		name := ""
		if len(t) > 1 {
			if a, ok := t[1].(hcl.TraverseAttr); ok {
				name = a.Name
			}
		}
		switch root {
		case "path", "terraform":
			set(root, ev.base[root])
		case "var":
			if name == "" {
				whole = append(whole, root)
			} else if v := ev.varNamed(name); v != nil {
				put(root, name, ev.cfg.force(&v.node), v.node.state == lazyDone)
			}
		case "local":
			if name == "" {
				whole = append(whole, root)
			} else if l := ev.localNamed(name); l != nil {
				put(root, name, ev.cfg.force(l), l.state == lazyDone)
			}
		case "module":
			if ev.callNamed(name) == nil {
				if name == "" {
					set(root, cty.DynamicVal)
				} else {
					put(root, name, cty.DynamicVal, false)
				}
				continue
			}
			out := ""
			if len(t) > 2 {
				if a, ok := t[2].(hcl.TraverseAttr); ok {
					out = a.Name
				}
			}
			if needs == nil {
				needs = map[string]map[string]bool{}
			}
			need, seen := needs[name]
			switch {
			case out == "":
				needs[name] = nil
			case !seen:
				needs[name] = map[string]bool{out: true}
			case need != nil:
				need[out] = true
			}
		case "data", "count", "each", "self", "ephemeral":
			set(root, cty.DynamicVal)
		default:
			switch rb := ev.resourceNamed(root + "." + name); {
			case rb != nil:
				put(root, name, ev.cfg.force(&rb.node), rb.node.state == lazyDone)
			case name != "":
				put(root, name, cty.DynamicVal, true)
			default:
				set(root, cty.DynamicVal)
			}
		}
	}
	for name, need := range needs {
		put("module", name, ev.callNamed(name).value(need), false)
	}
	for _, root := range whole {
		in.final = false
		all := map[string]cty.Value{}
		switch root {
		case "var":
			for i := range ev.vars {
				all[ev.vars[i].name] = ev.cfg.force(&ev.vars[i].node)
			}
		case "local":
			for i := range ev.locals {
				all[ev.d.localNames[i]] = ev.cfg.force(&ev.locals[i])
			}
		}
		if in.objs == nil {
			in.objs = map[string]map[string]cty.Value{}
		}
		in.objs[root] = all
	}
	return in
}

// context makes the evaluation context of the inputs.
func (ev *evaluator) context(in inputs) *hcl.EvalContext {
	refs := in.refs
	if len(refs) == 1 && refs[0].name != "" && refs[0].final && len(in.objs) == 0 {
		// Most expressions refer to one attribute of one root and to
		// nothing else (var.tags, local.create ? 1 : 0): the variables
		// of their context are made once per instance (hcl only reads
		// them).
		return newContext(refs[0].variables(ev), ev.cfg.funcs)
	}
	vars := make(map[string]cty.Value, len(refs)+len(in.objs))
	for _, r := range refs {
		if r.name == "" {
			vars[r.root] = r.v
		}
	}
	objs := in.objs
	for i, r := range refs {
		if _, set := vars[r.root]; set || objs[r.root] != nil {
			continue
		}
		if only := ev.onlyRef(refs, i); only != nil {
			// Most expressions refer to one attribute of a root (var.tags,
			// local.create): its object is made once per instance.
			vars[r.root] = only.object(ev)
			continue
		}
		o := map[string]cty.Value{}
		for _, s := range refs[i:] {
			if s.root == r.root {
				o[s.name] = s.v
			}
		}
		if objs == nil {
			objs = map[string]map[string]cty.Value{}
		}
		objs[r.root] = o
	}
	for root, o := range objs {
		if _, set := vars[root]; !set {
			vars[root] = cty.ObjectVal(o)
		}
	}
	return newContext(vars, ev.cfg.funcs)
}

// attrRef is the value of an attribute of a root in an expression; final
// when it will not change (not met while being computed, in a cycle).
type attrRef struct {
	root, name string
	v          cty.Value
	final      bool
}

// onlyRef returns refs[i] when it is final and its root's only attribute
// in refs.
func (ev *evaluator) onlyRef(refs []attrRef, i int) *attrRef {
	r := &refs[i]
	if !r.final {
		return nil
	}
	for j, s := range refs {
		if j != i && s.root == r.root && s.name != r.name {
			return nil
		}
	}
	return r
}

// rootObject is the root object of one attribute, and the variables of
// a context holding it alone (made on first use).
type rootObject struct {
	obj  cty.Value
	vars map[string]cty.Value
}

// object is the root object of one attribute, kept by the instance.
func (r *attrRef) object(ev *evaluator) cty.Value {
	return r.kept(ev).obj
}

// variables are the variables of a context holding only the root object
// of one attribute, kept by the instance.
func (r *attrRef) variables(ev *evaluator) map[string]cty.Value {
	o := r.kept(ev)
	if o.vars == nil {
		o.vars = map[string]cty.Value{r.root: o.obj}
		ev.objects[r.root][r.name] = o
	}
	return o.vars
}

func (r *attrRef) kept(ev *evaluator) rootObject {
	byName := ev.objects[r.root]
	if byName == nil {
		if ev.objects == nil {
			ev.objects = map[string]map[string]rootObject{}
		}
		byName = map[string]rootObject{}
		ev.objects[r.root] = byName
	}
	o, ok := byName[r.name]
	if !ok {
		o.obj = cty.ObjectVal(map[string]cty.Value{r.name: r.v})
		byName[r.name] = o
	}
	return o
}

// eval evaluates an expression in the instance's scope; any error gives an
// unknown value (the error is a limitation of offline evaluation, not
// something to report), except the problems functions record: a path that
// leaves the scan root, a value too large to evaluate. A panic is a bug,
// never swallowed: the value is unknown and the expression reported.
func (ev *evaluator) eval(e hcl.Expression, sc *scope) cty.Value {
	v, _ := ev.evalFor(e, sc, false)
	return v
}

// evalFor is eval, but with skim set for a value nothing reads (SkimBodies):
// what e refers to is computed all the same, and so are the problems that
// computing reports, but e itself is evaluated only when that may record
// a problem too (exprFacts.reports) or its value may be sensitive (for
// masking: exprFacts.marks, or a value it refers to is); ok is false when
// it is not.
func (ev *evaluator) evalFor(e hcl.Expression, sc *scope, skim bool) (val cty.Value, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			val, ok = cty.DynamicVal, true
			ev.cfg.internalError(e.Range(), p)
		}
	}()
	mark, diagMark := len(ev.cfg.pending), len(ev.cfg.diags)
	in := ev.inputs(e, sc)
	if skim && !in.facts.reports && !in.facts.marks && !in.marked() {
		return cty.NilVal, false
	}
	key, memo := ev.memoKey(e, in)
	if memo {
		if v, diags, ok := in.facts.kept.recall(key); ok {
			ev.cfg.diags = append(ev.cfg.diags, diags...)
			return v, true
		}
	}
	// A value kept passed this check with the same inputs.
	if err := ev.forProduct(e, sc, in.facts); err != nil {
		ev.cfg.flushPending(mark, e, nil)
		return cty.DynamicVal, true
	}
	v, diags := e.Value(ev.context(in))
	ev.cfg.flushPending(mark, e, diags)
	if diags.HasErrors() || v == cty.NilVal {
		v = cty.DynamicVal
	}
	if memo {
		in.facts.kept.remember(&ev.m.parsed.memo, key, v, ev.cfg.diags[diagMark:])
	}
	return v, true
}

// marked reports whether a value the expression refers to carries a mark
// (sensitive), at its top or deep inside.
func (in *inputs) marked() bool {
	for _, r := range in.refs {
		if hasMarks(r.v) {
			return true
		}
	}
	for _, o := range in.objs {
		for _, v := range o {
			if hasMarks(v) {
				return true
			}
		}
	}
	return false
}

// hasMarks is v.ContainsMarked() without its allocations (a path for
// every element): an object's attributes are read by name.
func hasMarks(v cty.Value) bool {
	switch ty := v.Type(); {
	case v.IsMarked():
		return true
	case !v.IsKnown() || v.IsNull() || ty.IsPrimitiveType():
		return false
	case ty.IsObjectType():
		for name := range ty.AttributeTypes() {
			if hasMarks(v.GetAttr(name)) {
				return true
			}
		}
	case ty.IsCollectionType() || ty.IsTupleType():
		for it := v.ElementIterator(); it.Next(); {
			if _, e := it.Element(); hasMarks(e) {
				return true
			}
		}
	}
	return false
}

// flushPending turns the problems recorded by functions since mark into
// diagnostics, at the function call when hcl names it.
func (cfg *config) flushPending(mark int, e hcl.Expression, diags hcl.Diagnostics) {
	if len(cfg.pending) <= mark {
		return
	}
	for _, msg := range cfg.pending[mark:] {
		rng := e.Range()
		for _, d := range diags {
			if d.Subject != nil && strings.Contains(d.Detail, msg) {
				rng = *d.Subject
				break
			}
		}
		summary, detail, _ := strings.Cut(msg, ": ")
		cfg.diags = append(cfg.diags, model.Diagnostic{Severity: model.DiagError, Summary: summary, Detail: detail, Range: toRange(rng)})
	}
	cfg.pending = cfg.pending[:mark]
}

// rangeOf is an expression's range in the model.
func rangeOf(e hcl.Expression) model.Range { return toRange(e.Range()) }
