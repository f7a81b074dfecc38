package terraform

import (
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// exprFacts is what evaluating an expression asks of its syntax before
// evaluating it: the variables it refers to (for its context) and whether
// it holds a for expression (for forProduct). An expression of a module
// is evaluated for every instance of the module in every unit, and
// finding these walks the whole expression, so they are found once per
// scan and kept with the parsed module.
type exprFacts struct {
	vars   []hcl.Traversal
	hasFor bool
	// readsFiles: its value depends on the configuration's files, not
	// only on its context (memo.go).
	readsFiles bool
	// reports: evaluating it may record a problem. Only a for expression
	// (forProduct) and the functions bound to the configuration (its
	// files and limits, functions) can; the shared functions know no
	// configuration to record one in.
	reports bool
	// marks: it calls sensitive(), so its value may be sensitive whatever
	// the values it refers to.
	marks bool
	// shared: these facts are the parsed module's, kept for every unit;
	// kept holds the values of its evaluations then (memo.go).
	shared bool
	kept   recalls
}

// facts returns e's facts, shared by every unit when e is native syntax of
// a parsed module (JSON expressions are made anew at each read of their
// body, and compact expressions at each use, so theirs are not kept).
func (m *module) facts(e hcl.Expression) *exprFacts {
	se, native := e.(hclsyntax.Expression)
	if !native || m.parsed == nil || m.cfg.fresh > 0 {
		return newFacts(e)
	}
	if f, ok := m.parsed.facts.Load(se); ok {
		return f.(*exprFacts)
	}
	f := newFacts(e)
	f.shared = true
	kept, _ := m.parsed.facts.LoadOrStore(se, f)
	return kept.(*exprFacts)
}

func newFacts(e hcl.Expression) *exprFacts {
	se, ok := e.(hclsyntax.Expression)
	if !ok {
		// JSON syntax holds templates whose calls are not told apart here.
		return &exprFacts{vars: e.Variables(), reports: true, marks: true}
	}
	f := &exprFacts{vars: variables(se)}
	visitSyntax(se, func(n hclsyntax.Node) {
		switch n := n.(type) {
		case *hclsyntax.ForExpr:
			f.hasFor, f.reports = true, true
		case *hclsyntax.FunctionCallExpr:
			if fileFunctionNames()[n.Name] {
				f.readsFiles = true
			}
			if configFunctionNames()[n.Name] {
				f.reports = true
			}
			if n.Name == "sensitive" {
				f.marks = true
			}
		}
	})
	return f
}

// configFunctionNames are the names of the functions bound to one
// configuration (functions).
var configFunctionNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for n := range functions(&config{}) {
		names[n] = true
	}
	return names
})
