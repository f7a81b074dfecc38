package analyzer_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
)

var ruleIDLiteral = regexp.MustCompile(`^"CW[0-9]{3}"$|^` + "`" + `CW[0-9]{3}` + "`$")

// TestDriverNamesNoRule: the driver and the configuration package treat
// every rule alike, so no rule id is written in their code (tests aside):
// the rule for invalid input, the suppression check and the expired-ignore
// check are rules like the others.
func TestDriverNamesNoRule(t *testing.T) {
	for _, dir := range []string{"checker", "config"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && ruleIDLiteral.MatchString(lit.Value) {
					t.Errorf("%s: rule id %s written in the driver", fset.Position(lit.Pos()), lit.Value)
				}
				return true
			})
		}
	}
}

// TestPassHasNoRuleSpecificField: what a rule sees of a unit is the same
// for every rule: the Pass holds the rule, the unit and the scan settings.
func TestPassHasNoRuleSpecificField(t *testing.T) {
	var exported []string
	typ := reflect.TypeOf(analyzer.Pass{})
	for i := range typ.NumField() {
		if f := typ.Field(i); f.IsExported() {
			exported = append(exported, f.Name)
		}
	}
	if got := strings.Join(exported, ","); got != "Rule,Unit,Config" {
		t.Errorf("analyzer.Pass fields %s, want Rule,Unit,Config", got)
	}
}
