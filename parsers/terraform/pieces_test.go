package terraform

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/configward/configward/parsers/model"
)

// TestSuppressionsInPieces: the ignore comments of a file lexed in pieces
// (one per top-level line here) are those of the file lexed whole, a
// comment whose next line of code is pieces later included.
func TestSuppressionsInPieces(t *testing.T) {
	src := `# configward:ignore CW101 reason one
resource "aws_s3_bucket" "a" {
  bucket = "a" // configward:ignore CW102 trailing
}
/* configward:ignore CW103 block */ resource "aws_s3_bucket" "b" {
}

# configward:ignore CW104,CW105 before a blank line

resource "aws_s3_bucket" "c" {}
# configward:ignore CW106 last
`
	fsys := fstest.MapFS{"main.tf": {Data: []byte(src)}}
	dump := func(u *model.Unit) string {
		var b strings.Builder
		for _, s := range u.Suppressions {
			fmt.Fprintf(&b, "%s %q %v %d:%d-%d:%d\n", s.RuleID, s.Reason, s.Lines, s.Range.Start.Line, s.Range.Start.Column, s.Range.End.Line, s.Range.End.Column)
		}
		return b.String()
	}
	whole := dump(parse(t, fsys, ".", Options{}))
	saved := cutEvery
	cutEvery = 1
	defer func() { cutEvery = saved }()
	pieces := dump(parse(t, fsys, ".", Options{}))
	want := `CW101 "reason one" [1 2] 1:1-1:37
CW102 "trailing" [3 4] 3:16-3:51
CW103 "block" [5 6] 5:1-5:36
CW104 "before a blank line" [8 10] 8:1-8:52
CW105 "before a blank line" [8 10] 8:1-8:52
CW106 "last" [11] 11:1-11:31
`
	if whole != want || pieces != want {
		t.Errorf("whole:\n%s\nin pieces:\n%s\nwant:\n%s", whole, pieces, want)
	}
}

// TestLargeFileLexedOnce: an ignore comment at the top of a large file
// does not make the module lex it again whole: parsing allocates about
// the same with or without it.
func TestLargeFileLexedOnce(t *testing.T) {
	saved := cutEvery
	cutEvery = 16 << 10
	defer func() { cutEvery = saved }()
	var b strings.Builder
	for i := 0; b.Len() < 256<<10; i++ {
		fmt.Fprintf(&b, "locals {\n  v%d = [\"bucket-%d\", { Name = \"n-%d\" }]\n}\n", i, i, i)
	}
	body := b.String()
	alloc := func(src string) uint64 {
		fsys := fstest.MapFS{"main.tf": {Data: []byte(src)}}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		u := parse(t, fsys, ".", Options{})
		runtime.ReadMemStats(&after)
		if len(u.Files) != 1 {
			t.Fatalf("files %v", u.Files)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	plain := alloc(body)
	ignored := alloc("# configward:ignore CW101 generated\n" + body)
	if float64(ignored) > 1.1*float64(plain) {
		t.Errorf("with an ignore comment the parse allocates %d MB, without %d MB: the file is lexed again", ignored>>20, plain>>20)
	}
}

// TestStripMarkersInPieces: a file with `~` strip markers is cut into
// pieces as any other (not lexed whole to check its depth, then parsed
// whole), and its unit is the one parsed whole.
func TestStripMarkersInPieces(t *testing.T) {
	src := "locals {\n  a = \"%{~ if true }x%{ endif ~}\"\n}\n\nlocals {\n  b = <<-EOT\n    %{~ for v in [1, 2] ~}\n    ${v}\n    %{~ endfor ~}\n  EOT\n}\noutput \"o\" {\n  value = \"${~ local.a ~}${local.b}\"\n}\n"
	if n := scanNesting([]byte(src)); !n.ok {
		t.Fatal("scanNesting does not follow strip markers")
	}
	fsys := fstest.MapFS{"main.tf": {Data: []byte(src)}}
	whole := model.Dump(parse(t, fsys, ".", Options{}))
	saved := cutEvery
	cutEvery = 1
	defer func() { cutEvery = saved }()
	if n := scanNesting([]byte(src)); len(n.cuts) != 3 {
		t.Errorf("cuts %v, want one after each top-level line", n.cuts)
	}
	if pieces := model.Dump(parse(t, fsys, ".", Options{})); pieces != whole {
		t.Errorf("parsed in pieces:\n%s", lineDiff(whole, pieces))
	}
}

// TestGoldenInPieces: every golden case parsed with each file cut at every
// top-level line, so that its locals are kept compact and parsed again
// when evaluated or walked, gives its golden dump.
func TestGoldenInPieces(t *testing.T) {
	saved := cutEvery
	cutEvery = 1
	defer func() { cutEvery = saved }()
	checkGoldens(t, "parsed in pieces")
}

// checkGoldens parses every golden case and compares its dump with its
// golden file; how says how it was parsed.
func checkGoldens(t *testing.T, how string) {
	fsys := os.DirFS(testdataRoot)
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			u := parse(t, fsys, c.name, c.opts)
			got := model.Dump(u) + dumpExtras(u)
			want, err := os.ReadFile(filepath.Join(testdataRoot, c.name+".golden"))
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s, the dump differs from %s.golden:\n%s", how, c.name, lineDiff(string(want), got))
			}
		})
	}
}

// TestCompactExprParsesAlike: an attribute's expression parsed again from
// its bytes at its position (compactExpr) has the nodes and ranges it had
// in its file, for every attribute of every .tf file of testdata.
func TestCompactExprParsesAlike(t *testing.T) {
	dump := func(e hclsyntax.Expression) string {
		var b strings.Builder
		visitSyntax(e, func(n hclsyntax.Node) {
			fmt.Fprintf(&b, "%T %v", n, n.Range())
			if l, ok := n.(*hclsyntax.LiteralValueExpr); ok {
				fmt.Fprintf(&b, " %#v", l.Val)
			}
			b.WriteString("\n")
		})
		return b.String()
	}
	files, compared := 0, 0
	own := map[string]string{
		"crlf.tf":  "locals {\r\n  a = <<EOT\r\nx\r\nEOT\r\n  b = [1,\r\n    2]\r\n}\r\n",
		"eof.tf":   "a = <<-EOT\n    x ${y}\n    EOT\nb = \"z\"",
		"forms.tf": "a = \"%{~ if true }x%{ endif ~}\" # c\nb = { for k, v in var.m : k => v... if v != null } // c\nc = [\n  1, # one\n  /* two */ 2,\n]\nd = !var.x ? -1 : a.b[0].c[*].d\n",
	}
	err := filepath.WalkDir("../../testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tf") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		own[p] = string(src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, text := range own {
		src := []byte(text)
		if d, _ := nativeTooDeep(src, p); d != nil {
			continue // adversarial: not parsed
		}
		f, diags := hclsyntax.ParseConfig(src, p, hcl.InitialPos)
		if diags.HasErrors() {
			if !strings.Contains(p, "/") {
				t.Errorf("%s: %v", p, diags)
			}
			continue
		}
		files++
		var bodies []*hclsyntax.Body
		bodies = append(bodies, f.Body.(*hclsyntax.Body))
		for len(bodies) > 0 {
			body := bodies[0]
			bodies = bodies[1:]
			for _, b := range body.Blocks {
				bodies = append(bodies, b.Body)
			}
			for _, a := range body.Attributes {
				again := (&compactExpr{src: src, rng: a.Expr.Range()}).syntax()
				if want, got := dump(a.Expr), dump(again); want != got {
					t.Errorf("%s: %s parsed again:\n%s\nwant:\n%s", p, a.Name, got, want)
				}
				compared++
			}
		}
	}
	if files < 50 || compared < 500 {
		t.Errorf("compared %d expressions of %d files: testdata not found", compared, files)
	}
}

// TestLargeFileLocalsCompact: the parsed module of a large file of locals
// (what every unit of the scan shares) holds a few times the file's size
// (7 when written), not hcl's syntax tree of it (47), and the unit's
// problems and values are those of the file read whole; in locals blocks
// or in one locals block read in pieces, an argument set twice in it
// reported as hcl reports it.
func TestLargeFileLocalsCompact(t *testing.T) {
	saved, savedLex := cutEvery, lexEvery
	cutEvery = 8 << 10
	defer func() { cutEvery, lexEvery = saved, savedLex }()
	for _, oneBlock := range []bool{false, true} {
		var b strings.Builder
		b.WriteString("resource \"aws_s3_bucket\" \"b\" {\n  bucket = local.v1[0]\n  tags   = local.v2[1]\n}\n")
		if oneBlock {
			b.WriteString("locals {\n")
		}
		for i := 0; b.Len() < 128<<10; i++ {
			if oneBlock {
				fmt.Fprintf(&b, "  v%d = [\"bucket-%d\", { Name = \"n-%d\", Team = \"t\" }]\n", i, i, i)
			} else {
				fmt.Fprintf(&b, "locals {\n  v%d = [\"bucket-%d\", { Name = \"n-%d\", Team = \"t\" }]\n}\n", i, i, i)
			}
		}
		if oneBlock {
			b.WriteString("  v3 = 1\n  outside = file(\"../x\")\n  undeclared = local.nothing\n}\n")
		} else {
			b.WriteString("locals {\n  outside = file(\"../x\")\n  undeclared = local.nothing\n}\n")
		}
		src := []byte(b.String())
		if n := scanNesting(src); oneBlock && len(n.locals) != 1 {
			t.Fatalf("the locals block is not cut: %+v", n.locals)
		}
		fsys := fstest.MapFS{"main.tf": {Data: src}}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		cache := NewCache()
		u := parse(t, fsys, ".", Options{Cache: cache})
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(cache)
		kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
		t.Logf("one block %v: kept %.1f times the file", oneBlock, float64(kept)/float64(len(src)))
		if ratio := float64(kept) / float64(len(src)); ratio > 15 {
			t.Errorf("one block %v: the parsed module holds %d MB, %.1f times the file", oneBlock, kept>>20, ratio)
		}
		cutEvery, lexEvery = 1<<30, 1<<30
		whole := model.Dump(parse(t, fsys, ".", Options{}))
		cutEvery, lexEvery = 8<<10, savedLex
		if got := model.Dump(u); got != whole {
			t.Errorf("one block %v, in pieces:\n%s", oneBlock, lineDiff(whole, got))
		}
		wants := []string{"Path outside the scan root", "Reference to undeclared local value", "bucket-1"}
		if oneBlock {
			wants = append(wants, "Attribute redefined")
		}
		for _, want := range wants {
			if !strings.Contains(whole, want) {
				t.Errorf("the dump lacks %q:\n%.2000s", want, whole)
			}
		}
	}
}

// FuzzPieces: a file that parses without errors gives the same unit
// parsed whole, lexed in pieces at every top-level line (its syntax kept),
// and cut at every top-level line and every line of its locals blocks
// (compact locals, parsed again when used).
func FuzzPieces(f *testing.F) {
	addGoldenSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if d, _ := nativeTooDeep(src, "main.tf"); d != nil {
			return
		}
		if _, diags := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos); diags.HasErrors() {
			return
		}
		fsys := fstest.MapFS{"main.tf": {Data: src}}
		saved, savedLex := cutEvery, lexEvery
		defer func() { cutEvery, lexEvery = saved, savedLex }()
		cutEvery, lexEvery = 1<<30, 1<<30
		whole := model.Dump(ParseModule(fsys, ".", Options{}))
		lexEvery = 1
		if lexed := model.Dump(ParseModule(fsys, ".", Options{})); lexed != whole {
			t.Errorf("lexed in pieces:\n%s", lineDiff(whole, lexed))
		}
		cutEvery = 1
		if pieces := model.Dump(ParseModule(fsys, ".", Options{})); pieces != whole {
			t.Errorf("parsed in pieces:\n%s", lineDiff(whole, pieces))
		}
	})
}

// TestInertExpressions: an expression is inert (an unused compact local
// holding it is not evaluated) only when it calls no function, has no for
// expression and refers to nothing.
func TestInertExpressions(t *testing.T) {
	for src, want := range map[string]bool{
		`1`: true, `"a-${1}"`: true, `["b", { Name = "n", "k" = 2 }]`: true, `(1 + 2) * -3`: true,
		`true ? "a" : "b"`: true, `[1, 2][0]`: true, "<<EOT\nx %{if true}y%{endif}\nEOT\n": true,
		`upper("a")`: false, `var.x`: false, `local.y`: false, `"${each.key}"`: false, `[for x in [1] : x]`: false,
		`{ (var.k) = 1 }`: false, `[1][*]`: false, "<<EOT\n%{for x in [1]}${x}%{endfor}\nEOT\n": false,
	} {
		e, diags := hclsyntax.ParseExpression([]byte(src), "x.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", src, diags)
		}
		if got := (&compactLocals{}).refsIn(e); got != want {
			t.Errorf("%s: inert %v, want %v", src, got, want)
		}
	}
}

// TestGoldenLexedInPieces: every golden case with each file lexed in
// pieces at every top-level line, its syntax kept whole (not compact),
// gives its golden dump.
func TestGoldenLexedInPieces(t *testing.T) {
	saved := lexEvery
	lexEvery = 1
	defer func() { lexEvery = saved }()
	checkGoldens(t, "lexed in pieces")
}

// TestLexedInPieces: a file of some tens of KB, below cutEvery, is lexed
// in pieces (lexEvery): its unit is the one lexed whole, an argument set
// twice at the top level, in different pieces, reported as hcl reports it,
// and the parse allocates less than lexed whole.
func TestLexedInPieces(t *testing.T) {
	var b strings.Builder
	b.WriteString("x = 1\n")
	for i := 0; b.Len() < 32<<10; i++ {
		fmt.Fprintf(&b, "resource \"aws_s3_bucket\" \"b%d\" {\n  bucket = \"bucket-${%d}\"\n  tags   = { Name = \"n-%d\", Team = [\"a\", \"b\"] }\n}\n", i, i, i)
	}
	b.WriteString("x = 2\n")
	src := []byte(b.String())
	n := scanNesting(src)
	if len(n.cuts) != 0 || len(n.lexCuts) < 4 {
		t.Fatalf("cuts %v, lexCuts %v: want no cuts and lexCuts every %d bytes", n.cuts, n.lexCuts, lexEvery)
	}
	fsys := fstest.MapFS{"main.tf": {Data: src}}
	alloc := func() (string, uint64) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		u := parse(t, fsys, ".", Options{})
		runtime.ReadMemStats(&after)
		return model.Dump(u), after.TotalAlloc - before.TotalAlloc
	}
	lexed, lexedBytes := alloc()
	saved := lexEvery
	lexEvery = 1 << 30
	whole, wholeBytes := alloc()
	lexEvery = saved
	if lexed != whole {
		t.Errorf("lexed in pieces:\n%s", lineDiff(whole, lexed))
	}
	if !strings.Contains(whole, "Attribute redefined") {
		t.Errorf("the dump lacks the argument set twice:\n%.2000s", whole)
	}
	t.Logf("parse allocates %d KB lexed in pieces, %d KB whole", lexedBytes>>10, wholeBytes>>10)
	if lexedBytes >= wholeBytes {
		t.Errorf("lexed in pieces the parse allocates %d KB, whole %d KB", lexedBytes>>10, wholeBytes>>10)
	}
}
