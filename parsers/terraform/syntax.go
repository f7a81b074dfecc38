package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// visitSyntax calls visit for n and every node below it, the nodes
// hclsyntax.VisitAll visits, in its order, but for the ChildScope nodes
// it makes up for the parts of a for expression (their expressions are
// visited). VisitAll allocates a closure at every node, which made
// checking a module's references cost a tenth of parsing it.
func visitSyntax(n hclsyntax.Node, visit func(hclsyntax.Node)) {
	visit(n)
	switch n := n.(type) {
	case *hclsyntax.Body:
		visitSyntax(n.Attributes, visit)
		visitSyntax(n.Blocks, visit)
	case hclsyntax.Attributes:
		for _, a := range n {
			visitSyntax(a, visit)
		}
	case *hclsyntax.Attribute:
		visitSyntax(n.Expr, visit)
	case hclsyntax.Blocks:
		for _, b := range n {
			visitSyntax(b, visit)
		}
	case *hclsyntax.Block:
		visitSyntax(n.Body, visit)
	case hclsyntax.ChildScope:
		visitSyntax(n.Expr, visit)
	case *hclsyntax.LiteralValueExpr, *hclsyntax.ScopeTraversalExpr, *hclsyntax.AnonSymbolExpr, *hclsyntax.ExprSyntaxError:
	case *hclsyntax.ParenthesesExpr:
		visitSyntax(n.Expression, visit)
	case *hclsyntax.RelativeTraversalExpr:
		visitSyntax(n.Source, visit)
	case *hclsyntax.FunctionCallExpr:
		for _, a := range n.Args {
			visitSyntax(a, visit)
		}
	case *hclsyntax.ConditionalExpr:
		visitSyntax(n.Condition, visit)
		visitSyntax(n.TrueResult, visit)
		visitSyntax(n.FalseResult, visit)
	case *hclsyntax.IndexExpr:
		visitSyntax(n.Collection, visit)
		visitSyntax(n.Key, visit)
	case *hclsyntax.TupleConsExpr:
		for _, e := range n.Exprs {
			visitSyntax(e, visit)
		}
	case *hclsyntax.ObjectConsExpr:
		for _, it := range n.Items {
			visitSyntax(it.KeyExpr, visit)
			visitSyntax(it.ValueExpr, visit)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		// A key read as a literal name is not an expression.
		if hcl.ExprAsKeyword(n.Wrapped) == "" {
			visitSyntax(n.Wrapped, visit)
		}
	case *hclsyntax.ForExpr:
		visitSyntax(n.CollExpr, visit)
		if n.KeyExpr != nil {
			visitSyntax(n.KeyExpr, visit)
		}
		visitSyntax(n.ValExpr, visit)
		if n.CondExpr != nil {
			visitSyntax(n.CondExpr, visit)
		}
	case *hclsyntax.SplatExpr:
		visitSyntax(n.Source, visit)
		visitSyntax(n.Each, visit)
	case *hclsyntax.BinaryOpExpr:
		visitSyntax(n.LHS, visit)
		visitSyntax(n.RHS, visit)
	case *hclsyntax.UnaryOpExpr:
		visitSyntax(n.Val, visit)
	case *hclsyntax.TemplateExpr:
		for _, p := range n.Parts {
			visitSyntax(p, visit)
		}
	case *hclsyntax.TemplateJoinExpr:
		visitSyntax(n.Tuple, visit)
	case *hclsyntax.TemplateWrapExpr:
		visitSyntax(n.Wrapped, visit)
	default:
		// A node this walk does not know (from a newer hcl): hcl's own
		// walk finds what is below it.
		first := true
		hclsyntax.VisitAll(n, func(c hclsyntax.Node) hcl.Diagnostics {
			if !first {
				visit(c)
			}
			first = false
			return nil
		})
	}
}
