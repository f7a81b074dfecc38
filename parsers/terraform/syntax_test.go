package terraform

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestVisitSyntax: visitSyntax visits the nodes hclsyntax.VisitAll visits,
// walkSyntax enters and leaves them as hclsyntax.Walk does and variables
// finds what hclsyntax.Variables finds, in a module that uses every kind
// of syntax node.
func TestVisitSyntax(t *testing.T) {
	src := `locals {
  a = [for k, v in var.m : "${k}=${v}" if v != null]
  b = {for s in var.l : s => upper(s)...}
  c = var.list[*].id
  d = aws_s3_bucket.b[0].arn
  e = (var.x ? -var.y : !var.z) || local.a[1] == "x"
  f = "${var.p}"
  g = <<-EOT
    %{ for x in var.xs ~}
    ${x}%{ if x == "a" }!%{ else }?%{ endif }
    %{ endfor ~}
  EOT
  h = { lit = 1, (var.k) = 2, "s" = 3, null = 4 }
  i = f(var.args...)
  j = var.o.list[*]
  k = tomap(var.t)["x"].y
  l = [1, var.q]
}
resource "aws_s3_bucket" "b" {
  count  = 2
  bucket = local.a[count.index]
  dynamic "rule" {
    for_each = var.rules
    content {
      id = rule.value.id
    }
  }
}
`
	f, diags := hclsyntax.ParseConfig([]byte(src), "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	key := func(n hclsyntax.Node) string {
		switch n := n.(type) {
		case hclsyntax.Attributes: // a map: its Range is one attribute's, any
			return fmt.Sprintf("attributes %d", len(n))
		case hclsyntax.Blocks:
			return fmt.Sprintf("blocks %d", len(n))
		}
		return fmt.Sprintf("%T %v", n, n.Range())
	}
	want := map[string]int{}
	var exprs []hclsyntax.Expression
	hclsyntax.VisitAll(f.Body.(*hclsyntax.Body), func(n hclsyntax.Node) hcl.Diagnostics {
		want[key(n)]++
		if a, ok := n.(*hclsyntax.Attribute); ok {
			exprs = append(exprs, a.Expr)
		}
		return nil
	})
	got := map[string]int{}
	kinds := map[string]bool{}
	visitSyntax(f.Body.(*hclsyntax.Body), func(n hclsyntax.Node) {
		got[key(n)]++
		kinds[fmt.Sprintf("%T", n)] = true
	})
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: visited %d times, want %d", k, got[k], n)
		}
	}
	for k, n := range got {
		if want[k] != n {
			t.Errorf("%s: visited %d times, VisitAll %d", k, n, want[k])
		}
	}
	// The module holds every kind of node the walk knows.
	for _, k := range []string{"*hclsyntax.ForExpr", "*hclsyntax.SplatExpr", "*hclsyntax.AnonSymbolExpr",
		"*hclsyntax.RelativeTraversalExpr", "*hclsyntax.IndexExpr", "*hclsyntax.ConditionalExpr",
		"*hclsyntax.UnaryOpExpr", "*hclsyntax.BinaryOpExpr", "*hclsyntax.TemplateWrapExpr",
		"*hclsyntax.TemplateJoinExpr", "*hclsyntax.TemplateExpr", "*hclsyntax.ObjectConsKeyExpr",
		"*hclsyntax.ObjectConsExpr", "*hclsyntax.TupleConsExpr", "*hclsyntax.FunctionCallExpr",
		"*hclsyntax.ParenthesesExpr", "*hclsyntax.LiteralValueExpr", "*hclsyntax.ScopeTraversalExpr",
		"*hclsyntax.Block", "*hclsyntax.Attribute", "*hclsyntax.Body", "hclsyntax.ChildScope"} {
		if !kinds[k] {
			t.Errorf("the module has no %s", k)
		}
	}
	for _, e := range exprs {
		var want, got []string
		hclsyntax.Walk(e, testWalker{func(n hclsyntax.Node) { want = append(want, "enter "+key(n)) }, func(n hclsyntax.Node) { want = append(want, "leave "+key(n)) }})
		walkSyntax(e, func(n hclsyntax.Node) { got = append(got, "enter "+key(n)) }, func(n hclsyntax.Node) { got = append(got, "leave "+key(n)) })
		if !slices.Equal(got, want) {
			t.Errorf("%v: walk\n%q\nwant\n%q", e.Range(), got, want)
		}
		if got, want := fmt.Sprint(variables(e)), fmt.Sprint(hclsyntax.Variables(e)); got != want {
			t.Errorf("%v: variables %s, want %s", e.Range(), got, want)
		}
	}
}

type testWalker struct{ enter, exit func(hclsyntax.Node) }

func (w testWalker) Enter(n hclsyntax.Node) hcl.Diagnostics { w.enter(n); return nil }
func (w testWalker) Exit(n hclsyntax.Node) hcl.Diagnostics  { w.exit(n); return nil }

// TestShortenBytes: shortenBytes is shorten of the bytes as a string, on
// random texts of words, blanks of every kind (non-ASCII ones included),
// multi-byte and invalid UTF-8, around the length where Reason is cut.
func TestShortenBytes(t *testing.T) {
	pieces := []string{"a", "var.name", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u0085", "\u2003", "é", "日本", "\xff", "\xe6\x97", "${", "}", "\"", "x"}
	rng := rand.New(rand.NewPCG(15, 4))
	cut := 0
	for n := 0; n < 20000; n++ {
		var b []byte
		for k := rng.IntN(90); k > 0; k-- {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		want := shorten(string(b))
		if strings.HasSuffix(want, "...") {
			cut++
		}
		if got := shortenBytes(b); got != want {
			t.Fatalf("shortenBytes(%q) = %q, want %q", b, got, want)
		}
	}
	if cut < 1000 {
		t.Errorf("only %d of the texts were cut", cut)
	}
}

// TestSourceLines: a source's line starts are those of reading it byte
// by byte (LF, CRLF and a lone CR each end a line), with and without CRs,
// and made in one slice of their size.
func TestSourceLines(t *testing.T) {
	byByte := func(src []byte) []int {
		lines := []int{0}
		for i := 0; i < len(src); i++ {
			switch src[i] {
			case '\n':
				lines = append(lines, i+1)
			case '\r':
				if i+1 < len(src) && src[i+1] == '\n' {
					i++
				}
				lines = append(lines, i+1)
			}
		}
		return lines
	}
	pieces := []string{"a", "resource", " ", "\n", "\n\n", "\r\n", "\r", "\r\r\n", "é"}
	rng := rand.New(rand.NewPCG(15, 5))
	withCR := 0
	for n := 0; n < 5000; n++ {
		var b []byte
		crs := rng.IntN(2) == 0
		for k := rng.IntN(60); k > 0; k-- {
			p := pieces[rng.IntN(len(pieces))]
			if !crs && strings.Contains(p, "\r") {
				continue
			}
			b = append(b, p...)
		}
		if bytes.Contains(b, []byte("\r")) {
			withCR++
		}
		s := newSource("main.tf", b)
		if want := byByte(b); !slices.Equal(s.lines, want) {
			t.Fatalf("newSource(%q).lines = %v, want %v", b, s.lines, want)
		}
		if bytes.Count(b, []byte("\r")) == 0 && len(s.lines) != cap(s.lines) {
			t.Fatalf("newSource(%q): %d line starts in a slice of %d", b, len(s.lines), cap(s.lines))
		}
	}
	if withCR < 1000 {
		t.Errorf("only %d texts with a CR", withCR)
	}
}
