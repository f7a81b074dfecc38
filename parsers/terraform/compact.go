package terraform

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// A large native file (one parsePieces reads) keeps its locals as the
// place of each value's expression in the source, not as syntax: hcl's
// syntax tree is some 35 times the size of its source, and the locals of a
// generated file are mostly evaluated once and never walked. Each time a
// local is evaluated or walked its expression is parsed again, from the
// same bytes at the same position, so every node has the range it had.

// compactLocals are the locals blocks of one piece of a large file.
type compactLocals struct {
	attrs []*hcl.Attribute // in source order; each Expr a *compactExpr
	// refs are the references to variables and locals in the values, for
	// checkReferences; wholeLocal is set when one uses the local object
	// itself (local["x"]), not one of its attributes.
	refs       []localRef
	wholeLocal bool
}

// attributes returns the locals, nil for a block not kept compact.
func (cl *compactLocals) attributes() []*hcl.Attribute {
	if cl == nil {
		return nil
	}
	return cl.attrs
}

// localRef is a reference var.NAME or local.NAME, at rng.
type localRef struct {
	root, name string
	rng        hcl.Range
}

// compactExpr is an expression kept as its place in the source.
type compactExpr struct {
	src []byte // the whole file
	rng hcl.Range
	// inert is set when evaluating it can report nothing: it calls no
	// function and refers to nothing (literals, templates, constructors
	// and operators on them). Unused, it is not evaluated (finish).
	inert bool
}

// syntax parses the expression again. The line break after it is
// included: a heredoc's closing marker ends at a line break, and a bare
// expression skips line breaks.
func (c *compactExpr) syntax() hclsyntax.Expression {
	end := c.rng.End.Byte
	if rest := c.src[end:]; bytes.HasPrefix(rest, []byte("\n")) {
		end++
	} else if bytes.HasPrefix(rest, []byte("\r\n")) {
		end += 2
	}
	e, _ := hclsyntax.ParseExpression(c.src[c.rng.Start.Byte:end], c.rng.Filename, c.rng.Start)
	return e
}

// compactExpr is an hcl.Expression so that an attribute can hold it; the
// evaluator and the walker parse it first (localSyntax).
func (c *compactExpr) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	return c.syntax().Value(ctx)
}
func (c *compactExpr) Variables() []hcl.Traversal { return c.syntax().Variables() }
func (c *compactExpr) Range() hcl.Range           { return c.rng }
func (c *compactExpr) StartRange() hcl.Range      { return c.syntax().StartRange() }

// add adds locals: compact, or as syntax with keep (a piece with errors,
// which a parse of its bytes alone might read otherwise); and the
// references in their values.
func (cl *compactLocals) add(attrs []*hclsyntax.Attribute, src []byte, keep bool) {
	for _, a := range attrs {
		inert := cl.refsIn(a.Expr)
		if keep {
			cl.attrs = append(cl.attrs, a.AsHCLAttribute())
		} else {
			cl.attrs = append(cl.attrs, &hcl.Attribute{
				Name: a.Name, Range: a.SrcRange, NameRange: a.NameRange,
				Expr: &compactExpr{src: src, rng: a.Expr.Range(), inert: inert},
			})
		}
	}
}

// refsIn adds the references to variables and locals below n, and
// reports whether n is inert (compactExpr).
func (cl *compactLocals) refsIn(n hclsyntax.Node) (inert bool) {
	inert = true
	visitSyntax(n, func(n hclsyntax.Node) {
		switch n.(type) {
		case *hclsyntax.LiteralValueExpr, *hclsyntax.TemplateExpr, *hclsyntax.TemplateWrapExpr,
			*hclsyntax.TupleConsExpr, *hclsyntax.ObjectConsExpr, *hclsyntax.ObjectConsKeyExpr,
			*hclsyntax.ParenthesesExpr, *hclsyntax.BinaryOpExpr, *hclsyntax.UnaryOpExpr,
			*hclsyntax.ConditionalExpr, *hclsyntax.IndexExpr, *hclsyntax.RelativeTraversalExpr:
		default:
			inert = false
		}
		st, ok := n.(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			return
		}
		root := st.Traversal.RootName()
		if root != "var" && root != "local" {
			return
		}
		if len(st.Traversal) >= 2 {
			if attr, ok := st.Traversal[1].(hcl.TraverseAttr); ok {
				cl.refs = append(cl.refs, localRef{root: root, name: attr.Name, rng: st.SrcRange})
				return
			}
		}
		if root == "local" {
			cl.wholeLocal = true
		}
	})
	return inert
}

// localSyntax returns a local's expression as syntax, parsing a compact
// one again; done is called once the syntax is no longer used. While a
// parsed-again expression is in use the facts of its nodes are not kept
// (they would keep the syntax).
func (cfg *config) localSyntax(e hcl.Expression) (syntax hcl.Expression, done func()) {
	c, ok := e.(*compactExpr)
	if !ok {
		return e, func() {}
	}
	cfg.fresh++
	return c.syntax(), func() { cfg.fresh-- }
}
