package fix

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
)

// A Planner gives each finding the edits For gives it alone, reading and
// parsing the file once for all of them, and a second report asking again
// costs nothing.
func TestPlannerReadsAndParsesEachFileOnce(t *testing.T) {
	var b strings.Builder
	for i := range 5 {
		fmt.Fprintf(&b, "resource \"aws_kms_key\" \"k%d\" {\n  description = \"x\"\n  enable_key_rotation = false\n}\n\n", i)
	}
	src := b.String()
	reads := map[string]int{}
	read := func(name string) []byte {
		reads[name]++
		return []byte(src)
	}
	var fs []*analyzer.Finding
	for i := range 5 {
		fs = append(fs,
			finding(analyzer.Change{Anchor: at(t, "m.tf", src, `resource "aws_kms_key"`, i), Path: []string{"deletion_window_in_days"}, Value: 30}),
			finding(analyzer.Change{Replace: at(t, "m.tf", src, "false", i), Value: true}),
			finding(analyzer.Change{Anchor: at(t, "m.tf", src, `resource "aws_kms_key"`, i),
				Block: &analyzer.FixBlock{Type: "resource", Labels: []string{"aws_kms_alias", fmt.Sprint("k", i)}, Body: analyzer.FixObject{{Key: "name", Value: "alias/x"}}, Free: []string{"m.tf"}}}))
	}
	p := NewPlanner(read)
	for range 2 {
		for i, f := range fs {
			got := p.For(f)
			want := For(f, func(string) []byte { return []byte(src) })
			if len(want) == 0 || !reflect.DeepEqual(got, want) {
				t.Errorf("finding %d: planned %v, alone %v", i, got, want)
			}
		}
	}
	if p.files.parses != 1 || reads["m.tf"] != 1 {
		t.Errorf("%d findings: m.tf parsed %d times, read %d times; want once", len(fs), p.files.parses, reads["m.tf"])
	}
}

// A finding whose every change fails whatever the file holds (a block its
// module declares already) costs no parse: a large module with such
// findings is not parsed again for the reports.
func TestPlannerParsesNothingForFixesThatCannotBeWritten(t *testing.T) {
	src := "resource \"aws_s3_bucket\" \"b\" {\n}\n\nresource \"aws_s3_bucket_versioning\" \"b\" {\n}\n"
	f := finding(analyzer.Change{Anchor: at(t, "main.tf", src, "resource", 0),
		Block: &analyzer.FixBlock{Type: "resource", Labels: []string{"aws_s3_bucket_versioning", "b"}, Free: []string{"main.tf"}}})
	p := NewPlanner(func(string) []byte { return []byte(src) })
	if es := p.For(f); es != nil || p.files.parses != 0 {
		t.Errorf("edits %v, %d parses; want none", es, p.files.parses)
	}
}

// declared matches the header pattern only on the lines where the block
// type occurs; the answers are those of the pattern over the whole file.
func TestDeclaredOnTypeLinesAsOverWholeFile(t *testing.T) {
	b := &analyzer.FixBlock{Type: "resource", Labels: []string{"aws_x", "k"}}
	re := regexp.MustCompile(`(?m)^[ \t]*resource[ \t]+"?aws_x"?[ \t]+"?k"?[ \t]*\{`)
	for _, src := range []string{
		"resource \"aws_x\" \"k\" {\n}\n",
		"resource \"aws_x\" \"k\"{}",
		"\t  resource\taws_x   k {\n",
		"locals {\n  a = 1\n}\nresource \"aws_y\" \"k\" {}\nresource \"aws_x\" \"k\" {\n}\n",
		"# resource \"aws_x\" \"k\" {\n",
		"xresource \"aws_x\" \"k\" {\n",
		"resource \"aws_x\"\n\"k\" {\n",
		"resource \"aws_x\" \"k2\" {\n",
		"data \"resource\" \"x\" {}\nresource \"aws_x\" \"k\" {",
		"resource resource \"aws_x\" \"k\" {",
		"",
		"resource",
	} {
		if got, want := declares([]byte(src), b, re), re.MatchString(src); got != want {
			t.Errorf("%q: declared %v, the pattern over the file %v", src, got, want)
		}
	}
}
