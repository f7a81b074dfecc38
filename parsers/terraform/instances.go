package terraform

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math/big"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/configward/configward/parsers/model"
)

// Evaluation bounds: hostile input must give a CW001, never a hang.
const (
	// maxInstances bounds one count, for_each or dynamic block.
	maxInstances = 10000
	// maxModuleDepth bounds module nesting below the root module.
	maxModuleDepth = 16
	// maxModuleInstances bounds the module instances of one configuration
	// (a module calling a module twice, twenty levels deep, is 2^20).
	maxModuleInstances = 2000
)

// tooLargeSummary starts the diagnostics of values over the bounds.
const tooLargeSummary = "Too large to evaluate"

// expansion is what count or for_each make of a block: its instance keys
// (numbers for count, strings for for_each) and each.value.
type expansion struct {
	// mode is 0 for a single instance, 'c' for count, 'e' for for_each.
	mode byte
	keys []cty.Value
	vals []cty.Value
	// unknown is set when the count or for_each is not known offline: one
	// instance stands for all, its key unknown.
	unknown bool
	forEach hcl.Expression
}

// resourceBlock is a resource or data block of a module instance.
type resourceBlock struct {
	*resourceDecl
	// node computes the value references to the resource see: unknown,
	// with the instance keys when count or for_each are known.
	node lazy
	exp  *expansion
}

// metaAttr returns a meta-argument of a block, in either syntax.
func (m *module) metaAttr(b *block, name string) *hcl.Attribute {
	if b.Syntax != nil {
		if a := b.Syntax.Body.Attributes[name]; a != nil {
			return a.AsHCLAttribute()
		}
		return nil
	}
	for _, a := range m.attributes(b.Body) {
		if a.Name == name {
			return a
		}
	}
	return nil
}

func (ev *evaluator) expand(rb *resourceBlock) *expansion {
	if rb.exp == nil {
		rb.exp = ev.expandMeta(rb.count, rb.forEach, nil)
	}
	return rb.exp
}

// expandMeta evaluates count or for_each.
func (ev *evaluator) expandMeta(count, forEach *hcl.Attribute, sc *scope) *expansion {
	switch {
	case count != nil:
		return ev.expandCount(count, sc)
	case forEach != nil:
		x := ev.expandForEach(forEach, ev.eval(forEach.Expr, sc), false)
		x.forEach = forEach.Expr
		return x
	}
	return &expansion{}
}

func (ev *evaluator) expandCount(a *hcl.Attribute, sc *scope) *expansion {
	x := &expansion{mode: 'c'}
	v := unmarkDeep(ev.eval(a.Expr, sc))
	if !v.IsKnown() {
		x.unknown = true
		return x
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil || n.IsNull() {
		ev.m.diag(a.Expr.Range(), "Invalid count argument", "The count argument must be a whole number.")
		x.unknown = true
		return x
	}
	bf := n.AsBigFloat()
	i, acc := bf.Int64()
	if acc != big.Exact || i < 0 {
		if bf.Sign() > 0 && bf.Cmp(big.NewFloat(maxInstances)) > 0 {
			ev.tooLarge(a.Expr.Range(), "count")
		} else {
			ev.m.diag(a.Expr.Range(), "Invalid count argument", "The count argument must be a whole number, zero or more.")
		}
		x.unknown = true
		return x
	}
	if i > maxInstances {
		ev.tooLarge(a.Expr.Range(), "count")
		x.unknown = true
		return x
	}
	if !ev.chargeInstances(a.Expr.Range(), "count", int(i)) {
		x.unknown = true
		return x
	}
	for k := int64(0); k < i; k++ {
		x.keys = append(x.keys, cty.NumberIntVal(k))
	}
	return x
}

func (ev *evaluator) tooLarge(at hcl.Range, what string) {
	ev.m.diag(at, tooLargeSummary, fmt.Sprintf("This %s makes more than %d instances; configward does not evaluate it, and the instances are unknown.", what, maxInstances))
}

// instanceCost is what each resource instance, and each instance of a
// count, for_each or dynamic block, is charged against the configuration's
// budget (unitBudget): about what its evaluated body, model resource and
// findings take. It bounds the instances of a configuration in all,
// whatever number of blocks and module instances share them.
const instanceCost = 4 << 10

// chargeInstances takes n instances from the configuration's budget, or
// reports the block at at as too large (once for each place, which module
// instances share) and returns false.
func (ev *evaluator) chargeInstances(at hcl.Range, what string, n int) bool {
	if cost := int64(n) * instanceCost; cost <= ev.cfg.budget {
		ev.cfg.budget -= cost
		return true
	}
	if ev.cfg.overBudget[at] {
		return false
	}
	ev.cfg.overBudget[at] = true
	left := fmt.Sprintf("past what is left of this configuration's budget of %d bytes (%d bytes an instance)", unitBudget, instanceCost)
	var detail string
	switch what {
	case "resource":
		detail = fmt.Sprintf("This resource is %s; configward does not evaluate it.", left)
	case "module":
		detail = fmt.Sprintf("Another instance of this module makes %d resource instances, %s; configward does not evaluate this call, and its outputs are unknown.", n, left)
	default:
		detail = fmt.Sprintf("This %s makes %d instances, %s; configward does not evaluate it, and the instances are unknown.", what, n, left)
	}
	ev.m.diag(at, tooLargeSummary, detail)
	return false
}

// expandForEach reads a for_each value: a map or object (keys and values),
// or a set of strings. dynamic blocks also take lists and tuples (keys are
// the indexes).
func (ev *evaluator) expandForEach(a *hcl.Attribute, v cty.Value, dynamic bool) *expansion {
	x := &expansion{mode: 'e'}
	v = unmarkDeep(v)
	ty := v.Type()
	switch {
	case !v.IsKnown():
		x.unknown = true
		return x
	case v.IsNull():
		ev.m.diag(a.Expr.Range(), "Invalid for_each argument", "The for_each argument is null.")
		x.unknown = true
		return x
	case ty.IsSetType() && !v.IsWhollyKnown():
		x.unknown = true
		return x
	case ty.IsMapType(), ty.IsObjectType(), ty.IsSetType(),
		dynamic && (ty.IsListType() || ty.IsTupleType()):
	default:
		ev.m.diag(a.Expr.Range(), "Invalid for_each argument", fmt.Sprintf("The for_each argument must be a map or a set of strings, not a %s.", ty.FriendlyName()))
		x.unknown = true
		return x
	}
	what := "for_each"
	if dynamic {
		what = "dynamic block"
	}
	if v.LengthInt() > maxInstances {
		ev.tooLarge(a.Expr.Range(), what)
		x.unknown = true
		return x
	}
	if !ev.chargeInstances(a.Expr.Range(), what, v.LengthInt()) {
		x.unknown = true
		return x
	}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if ty.IsSetType() {
			if e.Type() != cty.String && !dynamic {
				ev.m.diag(a.Expr.Range(), "Invalid for_each argument", "A set given to for_each must hold strings.")
				x.unknown, x.keys, x.vals = true, nil, nil
				return x
			}
			k = e
		}
		x.keys = append(x.keys, k)
		x.vals = append(x.vals, e)
	}
	return x
}

// unmarkDeep is v.UnmarkDeep(), which rebuilds v's walk of every element
// with a path and a key value for each (allocated), even when there is no
// mark to drop, as for most counts and for_each values: v itself when
// nothing in it can hold a mark.
func unmarkDeep(v cty.Value) cty.Value {
	if !mayHoldMarks(v) {
		return v
	}
	v, _ = v.UnmarkDeep()
	return v
}

// mayHoldMarks reports whether v or a value in it is marked, or unknown (an
// unknown value may hold marks of the values it stands for).
func mayHoldMarks(v cty.Value) bool {
	switch ty := v.Type(); {
	case v.IsMarked() || !v.IsKnown():
		return true
	case v.IsNull() || ty.IsPrimitiveType():
		return false
	case ty.IsObjectType():
		for name := range ty.AttributeTypes() {
			if mayHoldMarks(v.GetAttr(name)) {
				return true
			}
		}
		return false
	case ty.IsCollectionType() || ty.IsTupleType():
		for it := v.ElementIterator(); it.Next(); {
			if _, e := it.Element(); mayHoldMarks(e) {
				return true
			}
		}
		return false
	}
	return true
}

// shape is the value a reference to the whole resource sees.
func (x *expansion) shape() cty.Value {
	switch {
	case x.mode == 0 || x.unknown:
		return cty.DynamicVal
	case x.mode == 'c':
		if len(x.keys) == 0 {
			return cty.EmptyTupleVal
		}
		vals := make([]cty.Value, len(x.keys))
		for i := range vals {
			vals[i] = cty.DynamicVal
		}
		return cty.TupleVal(vals)
	}
	if len(x.keys) == 0 {
		return cty.EmptyObjectVal
	}
	m := map[string]cty.Value{}
	for _, k := range x.keys {
		m[k.AsString()] = cty.DynamicVal
	}
	return cty.ObjectVal(m)
}

// instance is one key of an expansion.
type instance struct {
	key   string // "", "[0]", "[\"eu\"]", "[*]"
	scope *scope
}

// instances lists the instances an expansion makes, each with the scope
// that gives count.index or each.key and each.value.
func (x *expansion) instances(base *scope) []instance {
	switch {
	case x.mode == 0:
		return []instance{{scope: base}}
	case x.unknown && x.mode == 'c':
		return []instance{{key: "[*]", scope: base.with("count", cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)}))}}
	case x.unknown:
		sc := base.with("each", cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal}))
		sc.forEach, sc.key = x.forEach, cty.UnknownVal(cty.String)
		return []instance{{key: "[*]", scope: sc}}
	}
	out := make([]instance, 0, len(x.keys))
	for i, k := range x.keys {
		if x.mode == 'c' {
			out = append(out, instance{key: keyString(k), scope: base.with("count", countObject(i, k))})
			continue
		}
		sc := base.with("each", cty.ObjectVal(map[string]cty.Value{"key": k, "value": x.vals[i]}))
		sc.forEach, sc.key = x.forEach, k
		out = append(out, instance{key: keyString(k), scope: sc})
	}
	return out
}

// countObject is count for the instance at index i, whose key is k: made
// once for the small indexes that most counts have (0 and 1: a resource
// made or not), not once per instance.
func countObject(i int, k cty.Value) cty.Value {
	if objs := countObjects(); i < len(objs) {
		return objs[i]
	}
	return cty.ObjectVal(map[string]cty.Value{"index": k})
}

// countObjects are the count objects of the first indexes, made on first
// use.
var countObjects = sync.OnceValue(func() []cty.Value {
	objs := make([]cty.Value, 8)
	for i := range objs {
		objs[i] = cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(i))})
	}
	return objs
})

// keyString is an instance key as Terraform writes it in addresses.
func keyString(k cty.Value) string {
	k, _ = k.Unmark()
	switch {
	case !k.IsKnown() || k.IsNull():
		return "[*]"
	case k.Type() == cty.Number:
		return "[" + numberText(k.AsBigFloat()) + "]"
	case k.Type() == cty.String:
		return "[" + strconv.Quote(k.AsString()) + "]"
	}
	return "[*]"
}

// moduleCall is a module block of a module instance.
type moduleCall struct {
	name   string
	blk    *block
	parent *evaluator
	inputs map[string]*hcl.Attribute
	meta   map[string]*hcl.Attribute

	made bool
	// dir is the module's directory; "" when it is not available.
	dir       string
	exp       *expansion
	instances []*evaluator
	keys      []string
}

// callMeta reports whether name is a module block argument that is not an
// input variable.
func callMeta(name string) bool {
	switch name {
	case "source", "version", "count", "for_each", "providers", "depends_on":
		return true
	}
	return false
}

// instantiate resolves the module's source and creates its instances,
// once. The instances are evaluated lazily.
func (c *moduleCall) instantiate() {
	if c.made {
		return
	}
	c.made = true
	p := c.parent
	cfg := p.cfg
	c.dir = c.resolve()
	if c.dir == "" {
		return
	}
	c.exp = p.expandMeta(c.meta["count"], c.meta["for_each"], nil)
	m := cfg.loadModule(c.dir)
	// Each instance's resource blocks are charged as it is made (the
	// root module's as they are walked): a module called many times
	// cannot make more instances than the budget allows.
	blocks := 0
	for _, b := range m.blocks {
		if b.Type == "resource" || b.Type == "data" {
			blocks++
		}
	}
	for _, inst := range c.exp.instances(nil) {
		if cfg.instances++; cfg.instances > maxModuleInstances {
			p.m.diag(c.blk.DefRange, tooLargeSummary, fmt.Sprintf("The configuration has more than %d module instances; configward does not evaluate the rest, and their outputs are unknown.", maxModuleInstances))
			c.dir = ""
			c.instances, c.keys = nil, nil
			return
		}
		if !p.chargeInstances(c.blk.DefRange, "module", blocks) {
			c.dir = ""
			c.instances, c.keys = nil, nil
			return
		}
		child := newEvaluator(cfg, m, p)
		child.call, child.callScope = c, inst.scope
		child.prefix = p.prefix + "module." + c.name + inst.key + "."
		child.key = c.name
		if p.key != "" {
			child.key = p.key + "." + c.name
		}
		child.depth = p.depth + 1
		child.inheritProviders(c)
		for name, a := range c.inputs {
			if child.varNamed(name) == nil {
				p.m.diag(a.NameRange, "Unsupported argument", fmt.Sprintf("The module %q (%s) has no input variable named %q.", c.name, c.dir, name))
			}
		}
		for _, name := range child.d.required {
			if c.inputs[name] == nil {
				p.m.diag(c.blk.DefRange, "Missing required argument", fmt.Sprintf("The module %q needs a value for its input variable %q, which has no default; it is unknown.", c.name, name))
			}
		}
		c.instances = append(c.instances, child)
		c.keys = append(c.keys, inst.key)
	}
	if len(c.instances) > 0 {
		cfg.called = append(cfg.called, c.dir)
	}
}

// callChain is the chain of module calls from the root module to the
// instance, outermost first; nil for the root module.
func (ev *evaluator) callChain() []model.Call {
	var out []model.Call
	for e := ev; e.parent != nil && e.call != nil; e = e.parent {
		out = append(out, model.Call{Address: strings.TrimSuffix(e.prefix, "."), Range: toRange(e.call.blk.DefRange)})
	}
	slices.Reverse(out)
	return out
}

// resolve finds the module's directory: a local source relative to the
// calling module, or a registry or git source through modules.json. It
// returns "" when the module is not available, with a diagnostic when the
// source leaves the scan root or the modules nest in a cycle, and a note
// when a remote module was not installed.
func (c *moduleCall) resolve() string {
	p := c.parent
	cfg := p.cfg
	sa := c.meta["source"]
	if sa == nil {
		p.m.diag(c.blk.DefRange, "Missing required argument", fmt.Sprintf("The module %q has no source.", c.name))
		return ""
	}
	sv, diags := sa.Expr.Value(nil)
	if diags.HasErrors() || sv.Type() != cty.String || sv.IsNull() || !sv.IsKnown() {
		p.m.diag(sa.Expr.Range(), "Invalid module source", "The module source must be a literal string.")
		return ""
	}
	src := sv.AsString()
	at := sa.Expr.Range()
	var dir string
	norm := strings.ReplaceAll(src, "\\", "/")
	if strings.HasPrefix(norm, "./") || strings.HasPrefix(norm, "../") {
		dir = path.Join(p.m.dir, norm)
		if !fs.ValidPath(dir) || strings.HasPrefix(src, "/") {
			p.m.diag(at, "Module source outside the scan root", fmt.Sprintf("The module %q has source %q, which leaves the scanned directory; it is not read and its outputs are unknown.", c.name, src))
			return ""
		}
		ok, found := cfg.isReal(dir, true)
		switch {
		case !found:
			p.m.diag(at, "Module not found", fmt.Sprintf("The module %q has source %q, but %s does not exist; its outputs are unknown.", c.name, src, dir))
			return ""
		case !ok:
			p.m.diag(at, "Module source outside the scan root", fmt.Sprintf("The module %q has source %q, which is not a directory of the scan root (a symbolic link is never followed); its outputs are unknown.", c.name, src))
			return ""
		}
	} else {
		key := c.name
		if p.key != "" {
			key = p.key + "." + c.name
		}
		d, ok := cfg.installed(key)
		if !ok {
			cfg.notes = append(cfg.notes, model.Diagnostic{
				Severity: model.DiagWarning, Summary: "Module not available",
				Detail: fmt.Sprintf("%smodule.%s (source %q) is not installed in .terraform/modules (run `terraform init` before scanning to evaluate it); its outputs are unknown.", p.prefix, c.name, src),
				Range:  toRange(at),
			})
			return ""
		}
		dir = d
	}
	for _, d := range p.dirs {
		if d == dir {
			p.m.diag(at, "Module cycle", fmt.Sprintf("The module %q calls %s, which is already on the chain of calls %s; it is not evaluated again.", c.name, dir, strings.Join(p.dirs, " -> ")))
			return ""
		}
	}
	if p.depth+1 > maxModuleDepth {
		p.m.diag(at, tooLargeSummary, fmt.Sprintf("Modules nest more than %d levels deep; the module %q is not evaluated and its outputs are unknown.", maxModuleDepth, c.name))
		return ""
	}
	return dir
}

// installed looks a module up in the root module's
// .terraform/modules/modules.json, read through the file system only.
func (cfg *config) installed(key string) (string, bool) {
	if !cfg.manifestRead {
		cfg.manifestRead = true
		cfg.manifest = map[string]string{}
		rel := path.Join(cfg.root, ".terraform/modules/modules.json")
		if ok, found := cfg.isReal(rel, false); found && ok {
			if src, ok := cfg.readFile(rel, fileRange(rel)); ok {
				var mf struct {
					Modules []struct{ Key, Source, Dir string }
				}
				if err := json.Unmarshal(src, &mf); err != nil {
					cfg.diags = append(cfg.diags, model.Diagnostic{Severity: model.DiagError, Summary: "Invalid module manifest", Detail: err.Error(), Range: fileRange(rel)})
				}
				for _, e := range mf.Modules {
					d := path.Join(cfg.root, strings.ReplaceAll(e.Dir, "\\", "/"))
					if e.Key == "" || strings.HasPrefix(e.Dir, "/") || !fs.ValidPath(d) {
						continue
					}
					cfg.manifest[e.Key] = d
				}
			}
		}
	}
	d, ok := cfg.manifest[key]
	if !ok {
		return "", false
	}
	if real, found := cfg.isReal(d, true); !found || !real {
		return "", false
	}
	return d, true
}

// value is what a reference to the module call sees: an object of its
// outputs (only those in need when given), a tuple for count, an object of
// instances for for_each; unknown when the module is not available.
func (c *moduleCall) value(need map[string]bool) cty.Value {
	c.instantiate()
	if c.dir == "" || c.exp == nil || c.exp.unknown {
		return cty.DynamicVal
	}
	switch c.exp.mode {
	case 0:
		if len(c.instances) == 0 {
			return cty.DynamicVal
		}
		return c.instances[0].outputObject(need)
	case 'c':
		if len(c.instances) == 0 {
			return cty.EmptyTupleVal
		}
		vals := make([]cty.Value, len(c.instances))
		for i, inst := range c.instances {
			vals[i] = inst.outputObject(nil)
		}
		return cty.TupleVal(vals)
	}
	if len(c.instances) == 0 {
		return cty.EmptyObjectVal
	}
	m := map[string]cty.Value{}
	for i, inst := range c.instances {
		m[c.exp.keys[i].AsString()] = inst.outputObject(nil)
	}
	return cty.ObjectVal(m)
}

// outputObject evaluates the outputs of a module instance (those in need,
// all when need is nil).
func (ev *evaluator) outputObject(need map[string]bool) cty.Value {
	m := map[string]cty.Value{}
	for i := range ev.outputs {
		o := &ev.outputs[i]
		if need == nil || need[o.name] {
			m[o.name] = ev.cfg.force(&o.node)
		}
	}
	return cty.ObjectVal(m)
}

// single returns the one instance of a call without count or for_each.
func (c *moduleCall) single() *evaluator {
	c.instantiate()
	if c.dir == "" || c.exp == nil || c.exp.mode != 0 || len(c.instances) != 1 {
		return nil
	}
	return c.instances[0]
}

// providerConf is a provider configuration's region.
type providerConf struct {
	ev     *evaluator
	region hcl.Expression
	value  *model.Value
	done   bool
}

// declareProviders adds the module's own provider configurations.
func (ev *evaluator) declareProviders(into map[string]*providerConf) {
	d := ev.m.decls()
	ev.cfg.diags = append(ev.cfg.diags, d.provDiags...)
	for _, p := range d.providers {
		into[p.key] = &providerConf{ev: ev, region: p.region}
	}
}

// inheritProviders gives a module instance its provider configurations:
// the caller's default configurations, those passed in the providers
// argument, then the module's own provider blocks.
func (ev *evaluator) inheritProviders(c *moduleCall) {
	p := c.parent
	ev.provs = map[string]*providerConf{}
	for k, pc := range p.provs {
		if !strings.Contains(k, ".") {
			ev.provs[k] = pc
		}
	}
	if a := c.meta["providers"]; a != nil {
		pairs, diags := hcl.ExprMap(a.Expr)
		if !diags.HasErrors() {
			for _, kv := range pairs {
				k, v := providerKey(kv.Key), providerKey(kv.Value)
				if k != "" && v != "" {
					ev.provs[k] = p.provs[v]
				}
			}
		}
	}
	ev.declareProviders(ev.provs)
}

// providerKey reads "aws" or "aws.eu" from a providers map key or value.
func providerKey(e hcl.Expression) string {
	if t, diags := hcl.AbsTraversalForExpr(e); !diags.HasErrors() {
		var parts []string
		for _, s := range t {
			switch s := s.(type) {
			case hcl.TraverseRoot:
				parts = append(parts, s.Name)
			case hcl.TraverseAttr:
				parts = append(parts, s.Name)
			}
		}
		return strings.Join(parts, ".")
	}
	if v, diags := e.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
		return v.AsString()
	}
	return ""
}

// regionOf returns the region of a resource: its own region argument (AWS
// provider v6), else its provider configuration's; nil when not set.
func (w *walker) regionOf(r *resource) *model.Value {
	// aws_config_aggregate_authorization's region (AWS provider v5) is the
	// authorized region, not where the resource lives.
	if f := r.res.Body.Field("region"); f != nil && strings.HasPrefix(r.res.Type, "aws_") && r.res.Type != "aws_config_aggregate_authorization" {
		return f.Value
	}
	key := ""
	if a := w.m.metaAttr(r.blk, "provider"); a != nil {
		key = providerKey(a.Expr)
	}
	if key == "" {
		t := strings.TrimPrefix(r.res.Type, "data.")
		key = t
		if i := strings.IndexByte(t, '_'); i > 0 {
			key = t[:i]
		}
	}
	pc := w.ev.provs[key]
	if pc == nil || pc.region == nil {
		return nil
	}
	if !pc.done {
		pc.done = true
		pw := pc.ev.walker()
		saved := pw.scope
		pw.scope = nil
		pc.value = pw.expr(pc.region)
		pw.scope = saved
	}
	return pc.value
}
