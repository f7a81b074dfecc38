package terraform

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

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
