package terraform

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/configward/configward/parsers/model"
)

// panicExpr is an expression whose evaluation panics, as a bug in hcl or
// go-cty would on some input.
type panicExpr struct{ rng hcl.Range }

func (panicExpr) Value(*hcl.EvalContext) (cty.Value, hcl.Diagnostics) { panic("boom") }
func (panicExpr) Variables() []hcl.Traversal                          { return nil }
func (e panicExpr) Range() hcl.Range                                  { return e.rng }
func (e panicExpr) StartRange() hcl.Range                             { return e.rng }

// TestPanicInEvaluationIsReported: a panic while evaluating an expression
// or a lazy value gives an unknown value, an error diagnostic at the
// expression (invalid input) and a note; it is never a silent unknown.
func TestPanicInEvaluationIsReported(t *testing.T) {
	cfg := newConfig(fstest.MapFS{"main.tf": {Data: []byte("locals {\n  a = 1\n}\n")}}, ".", Options{})
	ev := newRootEvaluator(cfg, cfg.loadModule("."))
	at := hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 2, Column: 7, Byte: 15}, End: hcl.Pos{Line: 2, Column: 8, Byte: 16}}
	if v := ev.eval(panicExpr{at}, nil); v.IsKnown() {
		t.Errorf("value %#v, want unknown", v)
	}
	// An output without its declaration panics as it is computed.
	l := &lazy{kind: lazyOutput, ev: ev, at: &at, of: &output{}}
	if v := cfg.compute(l); v.IsKnown() {
		t.Errorf("lazy value %#v, want unknown", v)
	}
	var diags, notes []string
	for _, d := range cfg.diags {
		if d.Severity == model.DiagError && d.Range == toRange(at) {
			diags = append(diags, d.Summary+": "+d.Detail)
		}
	}
	for _, d := range cfg.notes {
		notes = append(notes, d.Detail)
	}
	if len(diags) != 2 || !strings.Contains(diags[0], "boom") || !strings.Contains(diags[1], "nil pointer") {
		t.Errorf("diagnostics at the expression: %q", diags)
	}
	if len(notes) != 2 {
		t.Errorf("notes: %q", notes)
	}
}
