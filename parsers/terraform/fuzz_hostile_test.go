package terraform

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/configward/configward/parsers/model"
)

// FuzzVarFile reads fuzzed text as every kind of variable file (HCL and
// JSON, automatic and --var-file) of a module that declares the variables
// they set: nothing may panic or recurse without bound.
func FuzzVarFile(f *testing.F) {
	for _, s := range []string{
		"x = 1\n", "x = [[[1]]]\n", "x = {a = \"${1}\"}\n", `{"x": [1, {"a": "b"}]}`,
		"x = [for a in [1, 2] : [for b in [3] : a * b]]\n", `x = "%{if true}y%{endif}"` + "\n",
		"x = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"main.tf":               {Data: []byte("variable \"x\" {}\nvariable \"a\" {}\nresource \"aws_sns_topic\" \"t\" {\n  name = jsonencode(var.x)\n}\n")},
			"terraform.tfvars":      {Data: src},
			"terraform.tfvars.json": {Data: src},
			"v.auto.tfvars":         {Data: src},
			"extra.tfvars.json":     {Data: src},
		}
		ParseModule(fsys, ".", Options{VarFiles: []string{"extra.tfvars.json"}})
	})
}

// FuzzTemplate evaluates fuzzed text as a template file (templatefile), as
// a template string in .tf.json and as a heredoc template.
func FuzzTemplate(f *testing.F) {
	for _, s := range []string{
		"${a}", "%{for x in [1, 2]}${x}%{endfor}", "%{if a == 1}y%{else}n%{endif}",
		strings.Repeat("%{if true}", 300) + strings.Repeat("%{endif}", 300), "${jsonencode({b = [a]})}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		quoted := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(string(src))
		fsys := fstest.MapFS{
			"main.tf":      {Data: []byte("locals {\n  x = templatefile(\"${path.module}/t.tpl\", { a = 1 })\n  y = <<EOT\n" + string(src) + "\nEOT\n}\n")},
			"t.tpl":        {Data: src},
			"more.tf.json": {Data: []byte(`{"locals": {"z": "` + quoted + `"}}`)},
		}
		ParseModule(fsys, ".", Options{})
	})
}

// TestParsePieces: every golden module parsed in pieces cut at each
// top-level line break gives the same unit, ranges included, as parsed
// whole.
func TestParsePieces(t *testing.T) {
	fsys := os.DirFS(testdataRoot)
	for _, c := range goldenCases {
		whole := model.Dump(parse(t, fsys, c.name, c.opts))
		saved := cutEvery
		cutEvery = 1
		pieces := model.Dump(parse(t, fsys, c.name, c.opts))
		cutEvery = saved
		if pieces != whole {
			t.Errorf("%s: parsed in pieces:\n%s", c.name, lineDiff(whole, pieces))
		}
	}
}
