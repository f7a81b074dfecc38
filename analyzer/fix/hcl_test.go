package fix

import (
	"testing"

	"github.com/configward/configward/analyzer"
)

// TestSetInOneLineBlock: an argument set in a block written on one line
// ({} or { a = 1 }) opens the block onto lines of its own, as terraform
// fmt lays it out (hclwrite wrote `{ a = 1 enabled = true`, which is no
// HCL).
func TestSetInOneLineBlock(t *testing.T) {
	for _, c := range []struct {
		src  string
		at   []string
		want string
	}{
		{`resource "a" "b" {}`, nil, "resource \"a\" \"b\" {\n  enabled = true\n}"},
		{`resource "a" "b" { x = 1 }`, nil, "resource \"a\" \"b\" {\n  x       = 1\n  enabled = true\n}"},
		{"resource \"a\" \"b\" {\n  x = 1\n  logging {}\n}", []string{"logging"}, "resource \"a\" \"b\" {\n  x = 1\n  logging {\n    enabled = true\n  }\n}"},
		{"resource \"a\" \"b\" {\n  x = 1 # c\n\n  # last\n}", nil, "resource \"a\" \"b\" {\n  x = 1 # c\n\n  # last\n  enabled = true\n}"},
		{"resource \"a\" \"b\" {\n  enabled = false # keep\n}", nil, "resource \"a\" \"b\" {\n  enabled = true # keep\n}"},
	} {
		text, ok := setIn([]byte(c.src), c.at, []string{"enabled"}, true)
		if !ok {
			t.Errorf("%q: not set", c.src)
			continue
		}
		if got := string(formatHCL(text)); got != c.want {
			t.Errorf("%q: got\n%s\nwant\n%s", c.src, got, c.want)
		}
		if _, ok := parseBlock(formatHCL(text)); !ok {
			t.Errorf("%q: the result is no HCL block", c.src)
		}
	}
}

// TestSetInFailsWhole: a change that cannot be written leaves the block as
// it was, none of its members set.
func TestSetInFailsWhole(t *testing.T) {
	src := []byte("resource \"a\" \"b\" {\n  x = 1\n}")
	v := analyzer.FixObject{{Key: "ok", Value: true}, {Key: "bad", Value: analyzer.FixExpr{HCL: "(("}}}
	if text, ok := setIn(src, nil, []string{"logging"}, v); ok {
		t.Errorf("an expression that is no HCL was written:\n%s", text)
	}
	if _, ok := blockText("logging", nil, v); ok {
		t.Error("blockText wrote an expression that is no HCL")
	}
}
