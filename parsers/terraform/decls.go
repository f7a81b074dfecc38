package terraform

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/configward/configward/parsers/model"
)

// decls is what a module declares, read from its blocks once per scan and
// shared by every instance of the module in every unit (a module that
// twenty examples call is declared once, not twenty times): its variables
// with their types and defaults, locals, outputs, module calls, resources
// and providers, and the problems found reading them. Nothing in it is
// changed once made; each instance adds only its own lazy values.
type decls struct {
	vars       []*varDecl
	localAttrs map[string]*hcl.Attribute
	// localNames are the locals' names, sorted: finish forces them in
	// that order so that cycles are reported the same way every time.
	localNames []string
	// required are the names of the variables without a default, sorted:
	// a module call is told of each one it leaves unset in that order.
	required  []string
	outputs   []*outputDecl
	calls     []*callDecl
	resources []*resourceDecl
	providers []providerDecl
	// The indexes of the declarations above by name (a resource's by
	// address), for the instances' lookups.
	varIndex, localIndex, outputIndex, callIndex, resourceIndex map[string]int
	// unused[i] is set when nothing refers to localNames[i]: its value is
	// not kept once evaluated. Nil when that cannot be told.
	unused []bool
	// diags are the problems of declaring, reported by every instance;
	// refDiags those of checkReferences, reported once per unit;
	// provDiags those of reading provider blocks, reported each time
	// they are read.
	diags, refDiags, provDiags []model.Diagnostic
}

// varDecl is a declared input variable.
type varDecl struct {
	name      string
	decl      hcl.Range
	ty        cty.Type
	defaults  *typeexpr.Defaults
	sensitive bool
	nullable  bool
	def       cty.Value // the default, cty.NilVal without one
}

type outputDecl struct {
	name      string
	at        hcl.Range
	attr      *hcl.Attribute
	sensitive bool
}

type callDecl struct {
	name   string
	blk    *block
	inputs map[string]*hcl.Attribute
	meta   map[string]*hcl.Attribute
}

type resourceDecl struct {
	addr, typ, name string
	blk             *block
	// count and forEach are the block's meta-arguments, nil when unset.
	count, forEach *hcl.Attribute
}

// providerDecl is a provider block: its configuration's key ("aws",
// "aws.eu") and region.
type providerDecl struct {
	key    string
	region hcl.Expression
}

// decls returns the module's declarations, read once for the scan (a
// module that no cache holds, a plan's, reads them for itself).
func (m *module) decls() *decls {
	if m.parsed != nil {
		return m.parsed.decls()
	}
	if m.own == nil {
		m.own = declare(m.dir, m.blocks)
	}
	return m.own
}

// declare reads the declarations of a module's blocks. Problems go to a
// configuration of its own, so that they are the module's alone.
func declare(dir string, blocks []*block) *decls {
	d := &decls{localAttrs: map[string]*hcl.Attribute{},
		varIndex: map[string]int{}, localIndex: map[string]int{}, outputIndex: map[string]int{},
		callIndex: map[string]int{}, resourceIndex: map[string]int{}}
	m := &module{cfg: &config{}, dir: dir, blocks: blocks}
	vars := map[string]*varDecl{}
	calls := map[string]*callDecl{}
	resources := map[string]*resourceDecl{}
	for _, b := range blocks {
		switch b.Type {
		case "variable":
			if v := m.declareVariable(b, vars); v != nil {
				vars[v.name] = v
				d.varIndex[v.name] = len(d.vars)
				d.vars = append(d.vars, v)
			}
		case "locals":
			attrs := b.locals.attributes()
			if b.locals == nil {
				attrs = m.attributes(b.Body)
			}
			for _, a := range attrs {
				if prev, dup := d.localAttrs[a.Name]; dup && !b.override {
					m.diag(a.NameRange, "Duplicate local value definition", fmt.Sprintf("A local value named %q was already defined at %s.", a.Name, toRange(prev.NameRange)))
					continue
				} else if !dup && b.override {
					m.diag(a.NameRange, "Missing base local value definition to override", fmt.Sprintf("There is no local value named %q for this override to override.", a.Name))
					continue
				}
				d.localAttrs[a.Name] = a
			}
		case "output":
			o := &outputDecl{name: b.Labels[0], at: b.DefRange}
			for _, a := range m.attributes(b.Body) {
				switch a.Name {
				case "value":
					o.attr = a
				case "sensitive":
					if s, diags := a.Expr.Value(nil); !diags.HasErrors() && s.Type() == cty.Bool && s.IsKnown() && !s.IsNull() {
						o.sensitive = s.True()
					}
				}
			}
			// A second output of a name takes the first one's place.
			if i, dup := d.outputIndex[o.name]; dup {
				d.outputs[i] = o
				continue
			}
			d.outputIndex[o.name] = len(d.outputs)
			d.outputs = append(d.outputs, o)
		case "module":
			name := b.Labels[0]
			if prev, dup := calls[name]; dup {
				m.diag(b.DefRange, "Duplicate module call", fmt.Sprintf("A module call named %q was already declared at %s.", name, toRange(prev.blk.DefRange)))
				continue
			}
			c := &callDecl{name: name, blk: b, inputs: map[string]*hcl.Attribute{}, meta: map[string]*hcl.Attribute{}}
			for _, a := range m.attributes(b.Body) {
				if callMeta(a.Name) {
					c.meta[a.Name] = a
				} else {
					c.inputs[a.Name] = a
				}
			}
			calls[name] = c
			d.callIndex[name] = len(d.calls)
			d.calls = append(d.calls, c)
		case "resource", "data":
			typ, name := b.Labels[0], b.Labels[1]
			if b.Type == "data" {
				typ = "data." + typ
			}
			addr := typ + "." + name
			if prev, dup := resources[addr]; dup {
				m.diag(b.DefRange, "Duplicate resource configuration", fmt.Sprintf("%s was already declared at %s.", addr, toRange(prev.blk.DefRange)))
				continue
			}
			r := &resourceDecl{addr: addr, typ: typ, name: name, blk: b,
				count: m.metaAttr(b, "count"), forEach: m.metaAttr(b, "for_each")}
			resources[addr] = r
			d.resourceIndex[addr] = len(d.resources)
			d.resources = append(d.resources, r)
		}
	}
	d.diags, m.cfg.diags = m.cfg.diags, nil
	for n := range d.localAttrs {
		d.localNames = append(d.localNames, n)
	}
	sort.Strings(d.localNames)
	for _, v := range d.vars {
		if v.def == cty.NilVal {
			d.required = append(d.required, v.name)
		}
	}
	sort.Strings(d.required)
	for i, n := range d.localNames {
		d.localIndex[n] = i
	}
	used, all := m.checkReferences(vars, d.localAttrs)
	if !all {
		d.unused = make([]bool, len(d.localNames))
		for i, n := range d.localNames {
			d.unused[i] = !used[n]
		}
	}
	d.refDiags, m.cfg.diags = m.cfg.diags, nil
	d.providers = m.readProviders()
	d.provDiags = m.cfg.diags
	return d
}

func (m *module) declareVariable(b *block, declared map[string]*varDecl) *varDecl {
	name := b.Labels[0]
	if prev, dup := declared[name]; dup {
		m.diag(b.DefRange, "Duplicate variable declaration", fmt.Sprintf("A variable named %q was already declared at %s.", name, toRange(prev.decl)))
		return nil
	}
	v := &varDecl{name: name, decl: b.DefRange, ty: cty.DynamicPseudoType, nullable: true}
	attrs := m.attributes(b.Body)
	for _, a := range attrs {
		switch a.Name {
		case "type":
			expr := a.Expr
			if _, native := expr.(hclsyntax.Expression); !native {
				// .tf.json writes the type as a string holding the type
				// expression.
				s, diags := expr.Value(nil)
				if diags.HasErrors() || s.Type() != cty.String || s.IsNull() || !s.IsKnown() {
					continue
				}
				e, diags := hclsyntax.ParseExpression([]byte(s.AsString()), a.Expr.Range().Filename, a.Expr.Range().Start)
				if diags.HasErrors() {
					m.hclDiags(diags)
					continue
				}
				expr = e
			}
			ty, defs, diags := typeexpr.TypeConstraintWithDefaults(expr)
			m.hclDiags(diags)
			if !diags.HasErrors() {
				v.ty, v.defaults = ty, defs
			}
		case "sensitive", "nullable":
			if s, diags := a.Expr.Value(nil); !diags.HasErrors() && s.Type() == cty.Bool && s.IsKnown() && !s.IsNull() {
				if a.Name == "sensitive" {
					v.sensitive = s.True()
				} else {
					v.nullable = s.True()
				}
			}
		}
	}
	for _, a := range attrs {
		if a.Name == "default" {
			val, diags := a.Expr.Value(nil)
			if diags.HasErrors() {
				m.hclDiags(diags)
				continue
			}
			if c, ok := m.convertVar(v, val, a.Expr.Range(), false); ok {
				v.def = c
			}
		}
	}
	return v
}

// checkReferences reports references to variables and locals that are not
// declared, which Terraform rejects. It returns the locals referred to,
// or all set when that cannot be told: a body in JSON syntax (its
// references are in strings) or a use of the local object itself.
func (m *module) checkReferences(vars map[string]*varDecl, localAttrs map[string]*hcl.Attribute) (used map[string]bool, all bool) {
	used = map[string]bool{}
	check := func(root, name string, rng hcl.Range) {
		switch root {
		case "var":
			if vars[name] == nil {
				m.diag(rng, "Reference to undeclared input variable", fmt.Sprintf("An input variable named %q is not declared in this module.", name))
			}
		case "local":
			used[name] = true
			if localAttrs[name] == nil {
				m.diag(rng, "Reference to undeclared local value", fmt.Sprintf("A local value named %q is not defined in this module.", name))
			}
		}
	}
	for _, b := range m.blocks {
		if b.locals != nil {
			for _, r := range b.locals.refs {
				check(r.root, r.name, r.rng)
			}
			all = all || b.locals.wholeLocal
			continue
		}
		if b.Syntax == nil {
			all = true
			continue
		}
		visitSyntax(b.Syntax.Body, func(n hclsyntax.Node) {
			st, ok := n.(*hclsyntax.ScopeTraversalExpr)
			if !ok {
				return
			}
			if len(st.Traversal) >= 2 {
				if attr, ok := st.Traversal[1].(hcl.TraverseAttr); ok {
					check(st.Traversal.RootName(), attr.Name, st.SrcRange)
					return
				}
			}
			all = all || st.Traversal.RootName() == "local"
		})
	}
	return used, all
}

// readProviders reads the module's own provider blocks.
func (m *module) readProviders() []providerDecl {
	var out []providerDecl
	for _, b := range m.blocks {
		if b.Type != "provider" {
			continue
		}
		p := providerDecl{key: b.Labels[0]}
		for _, a := range m.attributes(b.Body) {
			switch a.Name {
			case "alias":
				if s, diags := a.Expr.Value(nil); !diags.HasErrors() && s.Type() == cty.String && s.IsKnown() && !s.IsNull() {
					p.key = b.Labels[0] + "." + s.AsString()
				}
			case "region":
				p.region = a.Expr
			}
		}
		out = append(out, p)
	}
	return out
}
