package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestFixesPlannedOncePerFile: the text report marks each fixable finding
// by spelling its fix, and SARIF carries it; the fixes of the findings of
// one file are planned reading and parsing that file once, not once per
// finding. On a file of 40 buckets with two fixable findings each, the
// text and SARIF reports cost fewer allocations over JSON than 10 parses of
// the file (about 2.5: one parse, and each finding's own edits spelled);
// planning each finding's fix from scratch costs a parse per finding, 80.
func TestFixesPlannedOncePerFile(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "resource \"aws_s3_bucket\" \"b%d\" {\n  bucket = \"bucket-%d\"\n  tags = {\n", i, i)
		for k := range 30 {
			fmt.Fprintf(&b, "    Tag%d = \"value ${var.env}-%d\"\n", k, k)
		}
		b.WriteString("  }\n}\n\n")
	}
	src := []byte(b.String())
	must(t, os.WriteFile(filepath.Join(dir, "main.tf"), src, 0o644))

	scan := func(format string) (string, float64) {
		var out string
		allocs := testing.AllocsPerRun(1, func() {
			var stdout, stderr strings.Builder
			if code := run([]string{"scan", "--format", format, dir}, &stdout, &stderr); code != exitFindings {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			out = stdout.String()
		})
		return out, allocs
	}
	parse := testing.AllocsPerRun(2, func() { hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos) })
	_, json := scan("json")
	text, textAllocs := scan("text")
	if n := strings.Count(text, "[fix: configward fix]"); n != 80 {
		t.Fatalf("%d findings marked fixable, want 80", n)
	}
	_, sarifAllocs := scan("sarif")
	t.Logf("json %.0f text %.0f sarif %.0f parse %.0f", json, textAllocs, sarifAllocs, parse)
	for format, allocs := range map[string]float64{"text": textAllocs, "sarif": sarifAllocs} {
		if extra := allocs - json; extra > 10*parse {
			t.Errorf("%s allocates %.0f more than JSON, %.1f parses of the file (%.0f each): are fixes planned per finding?", format, extra, extra/parse, parse)
		}
	}
}
