package rules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/configward/configward/parsers/model"
)

// TestRulesKnowNoFormat keeps the rules format-neutral: they read entity
// properties, whose tables (parsers/model/tables.go) know where each format
// keeps them. In the code of rules/*.go (comments and docs aside) there is
// no propName, no native resource type ("AWS::...", "aws_..."), no native
// key the tables read (a compound one such as S3KmsKeyArn or
// all_supported: one-word keys like Action or region are also IAM and
// event pattern vocabulary) that is not also a canonical path step, and no
// comparison with a format (only a rule's Formats list names them).
//
// CW108 is the one rule that reads raw trees: it looks for secrets in
// every field of every resource, so it knows the key names that carry a
// value or a name in either format; it is checked for types and formats
// only.
func TestRulesKnowNoFormat(t *testing.T) {
	native, canonical := map[string]bool{}, map[string]bool{}
	for _, tab := range model.Tables {
		n, c := tab.Spellings()
		for _, s := range c {
			canonical[s] = true
		}
		for _, s := range n {
			native[s] = true
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		checked++
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, nil, 0) // no comments: docs may name formats
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.KeyValueExpr:
				if k, ok := x.Key.(*ast.Ident); ok && k.Name == "Formats" {
					return false // a rule's metadata lists its formats
				}
			case *ast.Ident:
				if x.Name == "propName" {
					t.Errorf("%s: propName: read the property's Name instead", fset.Position(x.Pos()))
				}
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok && id.Name == "model" {
					for _, f := range model.Formats {
						if x.Sel.Name == formatConst(f) {
							t.Errorf("%s: model.%s: a rule must not depend on the format", fset.Position(x.Pos()), x.Sel.Name)
						}
					}
				}
			case *ast.BasicLit:
				if x.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(x.Value)
				if err != nil {
					return true
				}
				switch {
				case strings.Contains(s, "AWS::") || strings.Contains(s, "aws_"):
					t.Errorf("%s: %q names a native resource type", fset.Position(x.Pos()), s)
				case native[s] && !canonical[s] && compound(s) && name != rawTreeRule:
					t.Errorf("%s: %q is a native property name: use the property", fset.Position(x.Pos()), s)
				}
			}
			return true
		})
	}
	if checked < 40 {
		t.Fatalf("checked %d files, want every rule", checked)
	}
}

// rawTreeRule is the file of CW108 (see TestRulesKnowNoFormat).
const rawTreeRule = "cw108_secret_in_config_field.go"

// compound reports whether a key is made of several words: snake_case or
// CamelCase with two capitals or more.
func compound(s string) bool {
	if strings.Contains(s, "_") {
		return true
	}
	caps := 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			caps++
		}
	}
	return caps >= 2
}

// formatConst is the name of a format's constant in package model.
func formatConst(f model.Format) string {
	switch f {
	case model.CloudFormation:
		return "CloudFormation"
	case model.Terraform:
		return "Terraform"
	case model.IAMPolicy:
		return "IAMPolicy"
	}
	return ""
}
