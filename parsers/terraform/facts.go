package terraform

import (
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
	f, _ := m.parsed.facts.LoadOrStore(se, newFacts(e))
	return f.(*exprFacts)
}

func newFacts(e hcl.Expression) *exprFacts {
	se, ok := e.(hclsyntax.Expression)
	if !ok {
		return &exprFacts{vars: e.Variables()}
	}
	return &exprFacts{vars: variables(se), hasFor: hasFor(se), readsFiles: readsFiles(se)}
}
