package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// visitSyntax calls visit for n and every node below it, the nodes
// hclsyntax.VisitAll visits in its order.
func visitSyntax(n hclsyntax.Node, visit func(hclsyntax.Node)) { walkSyntax(n, visit, nil) }

// walkSyntax is hclsyntax.Walk: enter and leave (when not nil) are called
// before and after the nodes below each node, with the ChildScope nodes
// hcl makes up for the parts of a for expression that its variables are
// bound in. hcl's walks allocate a closure at every node, which made
// checking a module's references cost a tenth of parsing it, and finding
// an expression's variables more than evaluating it.
func walkSyntax(n hclsyntax.Node, enter, leave func(hclsyntax.Node)) {
	enter(n)
	walkChildren(n, enter, leave)
	if leave != nil {
		leave(n)
	}
}

func walkChildren(n hclsyntax.Node, enter, leave func(hclsyntax.Node)) {
	visit := func(c hclsyntax.Node) { walkSyntax(c, enter, leave) }
	switch n := n.(type) {
	case *hclsyntax.Body:
		visit(n.Attributes)
		visit(n.Blocks)
	case hclsyntax.Attributes:
		for _, a := range n {
			visit(a)
		}
	case *hclsyntax.Attribute:
		visit(n.Expr)
	case hclsyntax.Blocks:
		for _, b := range n {
			visit(b)
		}
	case *hclsyntax.Block:
		visit(n.Body)
	case hclsyntax.ChildScope:
		visit(n.Expr)
	case *hclsyntax.LiteralValueExpr, *hclsyntax.ScopeTraversalExpr, *hclsyntax.AnonSymbolExpr, *hclsyntax.ExprSyntaxError:
	case *hclsyntax.ParenthesesExpr:
		visit(n.Expression)
	case *hclsyntax.RelativeTraversalExpr:
		visit(n.Source)
	case *hclsyntax.FunctionCallExpr:
		for _, a := range n.Args {
			visit(a)
		}
	case *hclsyntax.ConditionalExpr:
		visit(n.Condition)
		visit(n.TrueResult)
		visit(n.FalseResult)
	case *hclsyntax.IndexExpr:
		visit(n.Collection)
		visit(n.Key)
	case *hclsyntax.TupleConsExpr:
		for _, e := range n.Exprs {
			visit(e)
		}
	case *hclsyntax.ObjectConsExpr:
		for _, it := range n.Items {
			visit(it.KeyExpr)
			visit(it.ValueExpr)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		// A key read as a literal name is not an expression.
		if hcl.ExprAsKeyword(n.Wrapped) == "" {
			visit(n.Wrapped)
		}
	case *hclsyntax.ForExpr:
		visit(n.CollExpr)
		names := map[string]struct{}{}
		if n.KeyVar != "" {
			names[n.KeyVar] = struct{}{}
		}
		if n.ValVar != "" {
			names[n.ValVar] = struct{}{}
		}
		if n.KeyExpr != nil {
			visit(hclsyntax.ChildScope{LocalNames: names, Expr: n.KeyExpr})
		}
		visit(hclsyntax.ChildScope{LocalNames: names, Expr: n.ValExpr})
		if n.CondExpr != nil {
			visit(hclsyntax.ChildScope{LocalNames: names, Expr: n.CondExpr})
		}
	case *hclsyntax.SplatExpr:
		visit(n.Source)
		visit(n.Each)
	case *hclsyntax.BinaryOpExpr:
		visit(n.LHS)
		visit(n.RHS)
	case *hclsyntax.UnaryOpExpr:
		visit(n.Val)
	case *hclsyntax.TemplateExpr:
		for _, p := range n.Parts {
			visit(p)
		}
	case *hclsyntax.TemplateJoinExpr:
		visit(n.Tuple)
	case *hclsyntax.TemplateWrapExpr:
		visit(n.Wrapped)
	default:
		// A node this walk does not know (from a newer hcl): hcl's own
		// walk goes below it.
		depth := 0
		hclsyntax.Walk(n, syntaxWalker{enter: func(c hclsyntax.Node) {
			if depth > 0 {
				enter(c)
			}
			depth++
		}, leave: func(c hclsyntax.Node) {
			if depth--; depth > 0 && leave != nil {
				leave(c)
			}
		}})
	}
}

type syntaxWalker struct{ enter, leave func(hclsyntax.Node) }

func (w syntaxWalker) Enter(n hclsyntax.Node) hcl.Diagnostics { w.enter(n); return nil }
func (w syntaxWalker) Exit(n hclsyntax.Node) hcl.Diagnostics  { w.leave(n); return nil }

// variables is hclsyntax.Variables: the traversals of e that are not
// bound by a for expression around them.
func variables(e hclsyntax.Expression) []hcl.Traversal {
	var vars []hcl.Traversal
	var scopes []map[string]struct{}
	walkSyntax(e, func(n hclsyntax.Node) {
		switch n := n.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			name := n.Traversal.RootName()
			for _, names := range scopes {
				if _, bound := names[name]; bound {
					return
				}
			}
			vars = append(vars, n.Traversal)
		case hclsyntax.ChildScope:
			scopes = append(scopes, n.LocalNames)
		}
	}, func(n hclsyntax.Node) {
		if _, ok := n.(hclsyntax.ChildScope); ok {
			scopes = scopes[:len(scopes)-1]
		}
	})
	return vars
}
