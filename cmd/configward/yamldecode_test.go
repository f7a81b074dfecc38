package main

import (
	"strings"
	"testing"
)

// TestYAMLDecodedPolicy: a policy read with yamldecode is evaluated (it
// was unknown before), so its statements are judged like any other; an
// unset variable in the document's name keeps it unknown (no finding).
func TestYAMLDecodedPolicy(t *testing.T) {
	dir := t.TempDir()
	writeHostileTree(t, dir, map[string]string{
		"tf/main.tf": `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode(yamldecode(file("${path.module}/policy.yaml")))
}
variable "doc" {}
resource "aws_iam_policy" "q" {
  name   = "q"
  policy = jsonencode(yamldecode(var.doc))
}
`,
		"tf/policy.yaml": "Version: \"2012-10-17\"\nStatement:\n  - Effect: Allow\n    Action: \"*\"\n    Resource: \"*\"\n",
	})
	t.Chdir(dir)
	out, _ := scanDir(t, "tf")
	got := summarize(out.Findings)
	want := "main.tf:3:23 CW306 policy \"aws_iam_policy.p\" allows every action on every resource"
	if !strings.Contains(got, want) {
		t.Errorf("want %q; got:\n%s", want, got)
	}
	for _, f := range out.Findings {
		if f.Line > 5 {
			t.Errorf("a finding from the unknown document: %s:%d %s %s", f.File, f.Line, f.Rule, f.Message)
		}
	}
}
