package terraform

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// lexedDepth is the deepest nesting tokensTooDeep sees in src's tokens.
func lexedDepth(src []byte) int {
	toks, _ := hclsyntax.LexConfig(src, "x.tf", hcl.InitialPos)
	depth, deepest := 0, 0
	for _, t := range toks {
		switch t.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen,
			hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl,
			hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			depth++
			deepest = max(deepest, depth)
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
			hclsyntax.TokenTemplateSeqEnd, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
			if depth > 0 {
				depth--
			}
		}
	}
	return deepest
}

// checkShallow fails when scanDepth disagrees with the lexer on a source it
// claims to follow (scanDepth stops one past maxNesting), or shallow
// accepts a source tokensTooDeep rejects, or scanNesting reports one too
// deep that the lexer does not.
func checkShallow(t *testing.T, name string, src []byte) {
	t.Helper()
	if depth, ok := scanDepth(src); ok {
		if want := min(lexedDepth(src), maxNesting+1); depth != want {
			t.Errorf("%s: scanDepth = %d, lexer's depth = %d\n%s", name, depth, want, src)
		}
	}
	if n := scanNesting(src); n.ok && n.over >= 0 && tooDeep(src, name) == nil {
		t.Errorf("%s: scanNesting finds it too deep, the lexer does not\n%s", name, src)
	}
	if shallow(src) && tooDeep(src, name) != nil {
		t.Errorf("%s: shallow accepts a source the lexer finds too deep\n%s", name, src)
	}
}

var shallowCases = []string{
	``,
	`a = 1`,
	`resource "x" "y" { a = [1, (2 + 3)] }`,
	`a = "${b["c"]}-${d}"`,
	`a = "%{ if b }${c}%{ endif }"`,
	`a = "$${not} %%{not} \"${x}\" \\"`,
	"a = \"unterminated\nb = [[[\"",
	`a = "${ { b = "}" } }"`,
	"# comment with \" and {\nb = {}",
	"// comment [[[\nb = 1",
	"/* block \" [[ */ c = [[1]]",
	`a = "\${x}"`,
	`a = "$"`,
	`a = "x$"`,
	"a = \"\\\n\"",
	`} } a = "${x}" }`,
	`a = "${"${"${x}"}"}"`,
	"a = \"\xc3\" b = [\"\xe0\x80\"]",
	`a = ["]"]`,
	`a = {"}" = "{"}`,
	"a = <<EOT\n{\nEOT\n",
	"a = <<-EOT\n  [${b}]\n  EOT\nc = [[1]]\n",
	"a = <<EOT\n${x}EOT\nb = [1]\n",
	"a = <<EOT\nx${y}EOT\nEOT\n",
	"a = <<EOT\n$${x} %%{y} \\\nEOT\r\nb = {}\n",
	"a = <<EOT\n${<<INNER\n[[\nINNER\n}\nEOT\n",
	"a = <<EOT\nno end",
	"a = <<EOT\n\u00a0EOT\nEOT\n",
	"a = << EOT\nx\nEOT\n",
	"a = <<EOT x\ny\nEOT\n",
	"a = <<9\nx\n9\n",
	"<<A\n\r${",
	"<<EOT\n${}EOT\n0${\"",
	`a = "${~ x ~}"`,
	"a = <<EOT\n%{~ for x in y ~}\n${x}\n%{~ endfor ~}\nEOT\n",
	`a = "%{~ if true }a%{ endif ~}"`, `a = { b = 1 ~}`, `a = ~ [~]`, `a = "${x ~}" ~} ]]`, `a = "${~}"`, `a = "$${~ x }"`,
	"a = <<-EOT\n  ${~ [[x]] ~}\n  EOT\nb = [\"%{~ if c ~}${[d]}%{~ endif ~}\"]",
	"/* unterminated [[[",
	`a = 1e+5 - -2 * 3 / 4 % 5 == 6 != 7 < 8 <= 9 > 10 >= 11 && a || !b ? c : d`,
	strings.Repeat("[", 70) + strings.Repeat("]", 70),
	strings.Repeat("[", 300),
	"a = " + strings.Repeat("1 + ", 10001) + "1",
}

func TestShallowFollowsTheLexer(t *testing.T) {
	for i, c := range shallowCases {
		checkShallow(t, "case"+string(rune('A'+i)), []byte(c))
	}
	// Every native file of the testdata.
	err := filepath.WalkDir("../../testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tf") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checkShallow(t, p, src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		src  string
		want bool
	}{
		{`resource "x" "y" { a = "${b}" }`, true},
		{strings.Repeat("[", shallowDepth) + strings.Repeat("]", shallowDepth), true},
		{strings.Repeat("[", shallowDepth+1), false},
		{"a = " + strings.Repeat("1+", maxOperators+1) + "1", false},
		{"a = <<EOT\nx\nEOT\n", true},
		{"a = <<EOT\n\u00a0EOT\nEOT\n", false},
	} {
		if got := shallow([]byte(c.src)); got != c.want {
			t.Errorf("shallow(%.40q) = %v, want %v", c.src, got, c.want)
		}
	}
}

func FuzzShallow(f *testing.F) {
	for _, c := range shallowCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkShallow(t, "fuzz", src)
	})
}
