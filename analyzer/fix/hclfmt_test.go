package fix

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// formatCases are layouts terraform fmt changes, and some it keeps.
var formatCases = []string{
	"resource \"a\" \"b\" {\nx=1\nlonger_name   =   \"v\" # c\n  y = [1,2 , 3] // d\n\n z = { a = 1, b = -2 }\n}\n",
	"locals {\n  a = {\n  b = 1\n      cc = 2\n  }\n  list = [\n  1,\n    2,\n  ]\n}\n",
	"locals {\n  p = <<-EOT\n    {\n      \"a\": \"${ var.x }\"\n    }\n    EOT\n  q = <<EOT\nraw   text\nEOT\n  r   = 1\n}\n",
	"locals {\n  a = var.x - 1\n  b = -1\n  c = 3 * -var.y\n  d = !var.z\n  e = f(-1, a[0], b.c[*].d, x...)\n  f = [for k, v in var.m : k if v != null]\n  g = { for k in var.l : k => upper(k) }\n  h = a ? b : -c\n}\n",
	"locals {\n  s = \"a ${var.b} %{ if var.c }d%{ endif } e\"\n  t = provider::aws::arn_parse(var.a)\n  u = \"${ {a = 1} }\"\n  v = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect = \"Allow\"\n  }]\n  })\n}\n",
	"block {}\nblock { x = 1 }\nblock \"l\" {\n/* c */ x = 1\n  # comment only\n  yy = 2 /* mid */ # end\n}\n",
	"a = 1\nbbb = 2 # c\n\ncc = { x = 1 }\nd = [\n]\ne = (1 + 2) * 3\nf = a[\"k\"]\ng = \"ü\" # é\nhh = \"x\" # z\n",
}

// TestFormatHCL holds formatHCL to hclwrite.Format (what terraform fmt
// runs) on the Terraform files of the test data and the cases above, each
// also with its spaces and indentation scrambled.
func TestFormatHCL(t *testing.T) {
	srcs := map[string][]byte{}
	for i, c := range formatCases {
		srcs["case"+string(rune('0'+i))] = []byte(c)
	}
	root := filepath.Join("..", "..", "testdata")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".tf") {
			return err
		}
		src, err := os.ReadFile(path)
		if err == nil {
			srcs[path] = src
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) < 100 {
		t.Fatalf("%d sources: the test data's Terraform files were not found", len(srcs))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for name, src := range srcs {
		for i, in := range [][]byte{src, scramble(src, rng), scramble(src, rng)} {
			want := hclwrite.Format(in)
			if got := formatHCL(in); !bytes.Equal(got, want) {
				t.Errorf("%s (%d): formatHCL differs from terraform fmt\ninput:\n%s\ngot:\n%s\nwant:\n%s", name, i, in, got, want)
			}
		}
	}
}

// scramble rewrites the spaces between the tokens of src: some removed
// where that keeps the tokens apart, some added, indentation changed.
func scramble(src []byte, rng *rand.Rand) []byte {
	toks, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	var out bytes.Buffer
	end := 0
	for i, t := range toks {
		gap := t.Range.Start.Byte - end
		atLineStart := i == 0 || toks[i-1].Type == hclsyntax.TokenNewline || endsLine(&fmtToken{typ: toks[i-1].Type, text: toks[i-1].Bytes})
		switch {
		case atLineStart:
			gap = rng.IntN(7)
		case gap > 0:
			gap = 1 + rng.IntN(3)
		case rng.IntN(4) == 0 && canSpace(toks[i-1].Type) && canSpace(t.Type):
			gap = 1
		}
		out.WriteString(strings.Repeat(" ", gap))
		out.Write(t.Bytes)
		end = t.Range.End.Byte
	}
	return out.Bytes()
}

// canSpace reports whether a space may go next to a token of type typ
// without changing what the source says (not inside a string).
func canSpace(typ hclsyntax.TokenType) bool {
	switch typ {
	case hclsyntax.TokenOQuote, hclsyntax.TokenCQuote, hclsyntax.TokenQuotedLit, hclsyntax.TokenStringLit,
		hclsyntax.TokenOHeredoc, hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateInterp,
		hclsyntax.TokenTemplateControl, hclsyntax.TokenTemplateSeqEnd, hclsyntax.TokenEOF, hclsyntax.TokenNewline,
		hclsyntax.TokenComment:
		return false
	}
	return true
}
