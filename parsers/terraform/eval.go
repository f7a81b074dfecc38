package terraform

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/configward/configward/parsers/model"
)

// sensitiveMark marks cty values that come from sensitive variables; the
// marks follow the values through functions and templates.
const sensitiveMark = "sensitive"

// reservedRoots are the traversal roots that do not name a resource type.
var reservedRoots = map[string]bool{
	"var": true, "local": true, "data": true, "module": true, "path": true,
	"terraform": true, "count": true, "each": true, "self": true,
}

// variable is a declared input variable.
type variable struct {
	name      string
	decl      hcl.Range
	ty        cty.Type
	defaults  *typeexpr.Defaults
	sensitive bool
	val       cty.Value // cty.NilVal until some source sets it
}

// evaluator holds the module's evaluation context. Everything it cannot
// know offline (resources, data sources, module outputs, unset variables,
// unknown functions) evaluates to an unknown value.
type evaluator struct {
	m      *module
	vars   map[string]*variable
	locals map[string]*hcl.Attribute
	ctx    *hcl.EvalContext
}

func newEvaluator(m *module, opts Options) *evaluator {
	ev := &evaluator{m: m, vars: map[string]*variable{}, locals: map[string]*hcl.Attribute{}}
	ev.ctx = &hcl.EvalContext{
		Variables: map[string]cty.Value{
			"data":      cty.DynamicVal,
			"module":    cty.DynamicVal,
			"count":     cty.DynamicVal,
			"each":      cty.DynamicVal,
			"self":      cty.DynamicVal,
			"terraform": cty.DynamicVal,
			"path": cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(m.dir),
				"root":   cty.StringVal(m.dir),
				"cwd":    cty.UnknownVal(cty.String),
			}),
			"local": cty.EmptyObjectVal,
		},
		Functions: functions(),
	}
	ev.declare()
	ev.assignVariables(opts)
	ev.evalLocals()
	ev.checkReferences()
	return ev
}

// declare reads the variable and locals blocks.
func (ev *evaluator) declare() {
	for _, b := range ev.m.blocks {
		switch b.Type {
		case "variable":
			name := b.Labels[0]
			if prev, dup := ev.vars[name]; dup {
				ev.m.diag(b.DefRange, "Duplicate variable declaration", fmt.Sprintf("A variable named %q was already declared at %s.", name, toRange(prev.decl)))
				continue
			}
			v := &variable{name: name, decl: b.DefRange, ty: cty.DynamicPseudoType}
			for _, a := range ev.m.attributes(b.Body) {
				switch a.Name {
				case "type":
					if _, native := a.Expr.(hclsyntax.Expression); !native {
						continue // .tf.json writes types as strings; not read yet
					}
					ty, defs, diags := typeexpr.TypeConstraintWithDefaults(a.Expr)
					ev.m.hclDiags(diags)
					if !diags.HasErrors() {
						v.ty, v.defaults = ty, defs
					}
				case "sensitive":
					if s, diags := a.Expr.Value(nil); !diags.HasErrors() && s.Type() == cty.Bool && s.IsKnown() && !s.IsNull() {
						v.sensitive = s.True()
					}
				}
			}
			for _, a := range ev.m.attributes(b.Body) {
				if a.Name == "default" {
					val, diags := a.Expr.Value(nil)
					if diags.HasErrors() {
						ev.m.hclDiags(diags)
						continue
					}
					ev.setVar(v, val, a.Expr.Range(), false)
				}
			}
			ev.vars[name] = v
		case "locals":
			for _, a := range ev.m.attributes(b.Body) {
				if prev, dup := ev.locals[a.Name]; dup {
					ev.m.diag(a.NameRange, "Duplicate local value definition", fmt.Sprintf("A local value named %q was already defined at %s.", a.Name, toRange(prev.NameRange)))
					continue
				}
				ev.locals[a.Name] = a
			}
		}
	}
}

// setVar converts val to the variable's type and stores it. A default of
// null is kept as null; an explicit assignment may not be converted.
func (ev *evaluator) setVar(v *variable, val cty.Value, at hcl.Range, assigned bool) {
	if v.defaults != nil && !val.IsNull() {
		val = v.defaults.Apply(val)
	}
	conv, err := convert.Convert(val, v.ty)
	if err != nil {
		what := "default value"
		if assigned {
			what = "value"
		}
		ev.m.diag(at, "Invalid "+what+" for variable", fmt.Sprintf("The %s for variable %q is not a %s: %s.", what, v.name, v.ty.FriendlyName(), err))
		return
	}
	v.val = conv
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
		v := ev.vars[n]
		if v == nil {
			continue // Terraform rejects it; nothing here uses it
		}
		text := opts.Vars[n]
		at := hcl.Range{Filename: "<value for var." + n + ">", Start: hcl.InitialPos, End: hcl.InitialPos}
		val := cty.StringVal(text)
		if expr, diags := hclsyntax.ParseExpression([]byte(text), at.Filename, hcl.InitialPos); !diags.HasErrors() {
			if c, diags := expr.Value(nil); !diags.HasErrors() && c.IsWhollyKnown() {
				val = c
			}
		}
		ev.setVar(v, val, at, true)
	}

	obj := map[string]cty.Value{}
	for n, v := range ev.vars {
		val := v.val
		if val == cty.NilVal {
			val = cty.DynamicVal
		}
		if v.sensitive {
			val = val.Mark(sensitiveMark)
		}
		obj[n] = val
	}
	ev.ctx.Variables["var"] = cty.ObjectVal(obj)
}

func (ev *evaluator) readVarFile(rel string) {
	src, ok := ev.m.readFile(rel)
	if !ok {
		return
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(rel, ".json") {
		f, diags = hclparse.NewParser().ParseJSON(src, rel)
	} else {
		f, diags = hclparse.NewParser().ParseHCL(src, rel)
	}
	ev.m.hclDiags(diags)
	if f == nil || f.Body == nil {
		return
	}
	for _, a := range ev.m.attributes(f.Body) {
		v := ev.vars[a.Name]
		if v == nil {
			continue // Terraform only warns about undeclared values
		}
		val, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			ev.m.hclDiags(diags)
			continue
		}
		ev.setVar(v, val, a.Expr.Range(), true)
	}
}

// localDeps returns the locals an expression refers to.
func localDeps(e hcl.Expression) []string {
	var out []string
	for _, t := range e.Variables() {
		if t.RootName() != "local" || len(t) < 2 {
			continue
		}
		switch s := t[1].(type) {
		case hcl.TraverseAttr:
			out = append(out, s.Name)
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String && s.Key.IsKnown() && !s.Key.IsNull() {
				out = append(out, s.Key.AsString())
			}
		}
	}
	return out
}

// evalLocals evaluates locals in dependency order (Kahn's algorithm, names
// sorted among the ready ones); what is left is part of, or depends on, a
// cycle and stays unknown.
func (ev *evaluator) evalLocals() {
	names := make([]string, 0, len(ev.locals))
	for n := range ev.locals {
		names = append(names, n)
	}
	sort.Strings(names)
	deps := map[string][]string{}
	waiting := map[string]int{}
	dependents := map[string][]string{}
	for _, n := range names {
		seen := map[string]bool{}
		for _, d := range localDeps(ev.locals[n].Expr) {
			if ev.locals[d] != nil && !seen[d] {
				seen[d] = true
				deps[n] = append(deps[n], d)
				dependents[d] = append(dependents[d], n)
			}
		}
		waiting[n] = len(deps[n])
	}
	var ready []string
	for _, n := range names {
		if waiting[n] == 0 {
			ready = append(ready, n)
		}
	}
	vals := map[string]cty.Value{}
	for len(ready) > 0 {
		n := ready[0]
		ready = ready[1:]
		// Each local sees only the locals it refers to, so the context is
		// not rebuilt for the whole set at every step.
		scope := map[string]cty.Value{}
		for _, d := range deps[n] {
			scope[d] = vals[d]
		}
		ev.ctx.Variables["local"] = cty.ObjectVal(scope)
		v := ev.eval(ev.locals[n].Expr)
		if tooBig(v) {
			v = cty.DynamicVal
		}
		vals[n] = v
		for _, m := range dependents[n] {
			if waiting[m]--; waiting[m] == 0 {
				ready = append(ready, m)
			}
		}
	}
	var pending []string
	for _, n := range names {
		if _, done := vals[n]; !done {
			pending = append(pending, n)
			vals[n] = cty.DynamicVal
		}
	}
	if len(pending) > 0 {
		ev.reportCycles(pending)
	}
	ev.ctx.Variables["local"] = cty.ObjectVal(vals)
}

// maxValueSize bounds an evaluated local (string bytes plus elements), so
// locals that double each other cannot exhaust memory: a bigger value is
// unknown.
const maxValueSize = 1 << 20

func tooBig(v cty.Value) bool {
	budget := maxValueSize
	return !fits(v, &budget)
}

func fits(v cty.Value, budget *int) bool {
	v, _ = v.Unmark()
	*budget--
	switch ty := v.Type(); {
	case !v.IsKnown() || v.IsNull():
	case ty == cty.String:
		*budget -= len(v.AsString())
	case ty.IsCollectionType() || ty.IsObjectType() || ty.IsTupleType():
		for it := v.ElementIterator(); it.Next() && *budget >= 0; {
			_, e := it.Element()
			if !fits(e, budget) {
				return false
			}
		}
	}
	return *budget >= 0
}

// reportCycles reports each cycle among the unresolved locals once.
func (ev *evaluator) reportCycles(pending []string) {
	left := map[string]bool{}
	for _, n := range pending {
		left[n] = true
	}
	reported := map[string]bool{}
	visited := map[string]bool{}
	for _, start := range pending {
		// Follow dependencies among the unresolved locals until a name
		// repeats: the names from its first visit on form a cycle.
		seen := map[string]int{}
		var chain []string
		cur := start
		for cur != "" {
			if i, again := seen[cur]; again {
				cycle := chain[i:]
				key := cycleKey(cycle)
				if !reported[key] {
					reported[key] = true
					ev.reportCycle(cycle)
				}
				break
			}
			if visited[cur] {
				break // reached from an earlier start: already reported
			}
			seen[cur] = len(chain)
			visited[cur] = true
			chain = append(chain, cur)
			next := ""
			for _, d := range localDeps(ev.locals[cur].Expr) {
				if left[d] {
					next = d
					break
				}
			}
			cur = next
		}
	}
}

func cycleKey(cycle []string) string {
	s := append([]string(nil), cycle...)
	sort.Strings(s)
	return strings.Join(s, ",")
}

func (ev *evaluator) reportCycle(cycle []string) {
	var parts []string
	for _, n := range cycle {
		parts = append(parts, fmt.Sprintf("local.%s (%s)", n, toRange(ev.locals[n].NameRange)))
	}
	parts = append(parts, "local."+cycle[0])
	first := ev.locals[cycle[0]]
	ev.m.diag(first.NameRange, "Cycle in local values",
		"The local values refer to each other in a cycle: "+strings.Join(parts, " -> ")+". Their values are unknown.")
}

// checkReferences reports references to variables and locals that are not
// declared, which Terraform rejects.
func (ev *evaluator) checkReferences() {
	for _, b := range ev.m.blocks {
		if b.Syntax == nil {
			continue
		}
		hclsyntax.VisitAll(b.Syntax.Body, func(n hclsyntax.Node) hcl.Diagnostics {
			st, ok := n.(*hclsyntax.ScopeTraversalExpr)
			if !ok || len(st.Traversal) < 2 {
				return nil
			}
			attr, ok := st.Traversal[1].(hcl.TraverseAttr)
			if !ok {
				return nil
			}
			switch st.Traversal.RootName() {
			case "var":
				if ev.vars[attr.Name] == nil {
					ev.m.diag(st.SrcRange, "Reference to undeclared input variable", fmt.Sprintf("An input variable named %q is not declared in this module.", attr.Name))
				}
			case "local":
				if ev.locals[attr.Name] == nil {
					ev.m.diag(st.SrcRange, "Reference to undeclared local value", fmt.Sprintf("A local value named %q is not defined in this module.", attr.Name))
				}
			}
			return nil
		})
	}
}

// eval evaluates an expression; any error gives an unknown value (the
// error is a limitation of offline evaluation, not something to report).
func (ev *evaluator) eval(e hcl.Expression) (val cty.Value) {
	defer func() {
		if recover() != nil {
			val = cty.DynamicVal
		}
	}()
	for _, t := range e.Variables() {
		root := t.RootName()
		if _, ok := ev.ctx.Variables[root]; !ok && !reservedRoots[root] {
			ev.ctx.Variables[root] = cty.DynamicVal // a resource type
		}
	}
	v, diags := e.Value(ev.ctx)
	if diags.HasErrors() || v == cty.NilVal {
		return cty.DynamicVal
	}
	return v
}

// rangeOf is an expression's range in the model.
func rangeOf(e hcl.Expression) model.Range { return toRange(e.Range()) }
