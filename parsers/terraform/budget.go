package terraform

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// The functions that can make a result far larger than their arguments
// (string repetition, splitting, for products) compute its size first and
// refuse one over maxValueSize, or over what is left of the unit's
// budget, before building it. A value over maxValueSize would be unknown
// anyway (tooBig); refusing it up front keeps one call from allocating
// gigabytes.

// unitBudget bounds the bytes and elements that the amplifying functions
// of one configuration build in all.
const unitBudget = 64 << 20

// charge takes n from the configuration's budget, or records the problem
// and returns an error when the result would be too large.
func (cfg *config) charge(name string, n float64) error {
	if n <= maxValueSize && n <= float64(cfg.budget) {
		cfg.budget -= int64(n)
		return nil
	}
	msg := fmt.Sprintf("%s: %s would build %.0f bytes or elements; configward evaluates at most %d, and the value is unknown", tooLargeSummary, name, n, maxValueSize)
	if n <= maxValueSize {
		msg = fmt.Sprintf("%s: %s would build %.0f bytes or elements, past what is left of this configuration's budget of %d; the value is unknown", tooLargeSummary, name, n, unitBudget)
	}
	cfg.pending = append(cfg.pending, msg)
	return errors.New(msg)
}

// sized wraps f: size gives the size of its result from known arguments
// (false when it cannot tell, and then f runs as it is).
func sized(cfg *config, name string, f function.Function, size func([]cty.Value) (float64, bool)) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if n, ok := size(args); ok {
				if err := cfg.charge(name+"()", n); err != nil {
					return cty.NilType, err
				}
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return f.Call(args) },
	})
}

// knownString is a known, non-null string argument.
func knownString(v cty.Value) (string, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// replaceSize is the length of replace(str, substr, replace)'s result.
func replaceSize(args []cty.Value) (float64, bool) {
	str, ok1 := knownString(args[0])
	sub, ok2 := knownString(args[1])
	repl, ok3 := knownString(args[2])
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
		re, err := regexp.Compile(sub[1 : len(sub)-1])
		if err != nil {
			return 0, false
		}
		// Each match adds the replacement, whose $n references add at
		// most the whole string each.
		n := float64(len(re.FindAllStringIndex(str, -1)))
		refs := float64(strings.Count(repl, "$"))
		return float64(len(str)) + n*(float64(len(repl))+refs*float64(len(str))), true
	}
	n := float64(strings.Count(str, sub))
	if sub == "" {
		n = float64(utf8.RuneCountInString(str) + 1)
	}
	return float64(len(str)) + n*float64(len(repl)), true
}

// joinSize is the length of join(sep, lists...)'s result.
func joinSize(args []cty.Value) (float64, bool) {
	sep, ok := knownString(args[0])
	if !ok {
		return 0, false
	}
	total, count := 0.0, 0.0
	for _, l := range args[1:] {
		l, _ = l.Unmark()
		if !l.IsKnown() || l.IsNull() || !l.CanIterateElements() {
			return 0, false
		}
		for it := l.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if s, ok := knownString(e); ok {
				total += float64(len(s))
			}
			count++
		}
	}
	return total + max(count-1, 0)*float64(len(sep)), true
}

// splitSize is the size of split(sep, str)'s result as fits counts it.
func splitSize(args []cty.Value) (float64, bool) {
	sep, ok1 := knownString(args[0])
	str, ok2 := knownString(args[1])
	if !ok1 || !ok2 {
		return 0, false
	}
	if sep == "" {
		return float64(utf8.RuneCountInString(str)) * 2, true
	}
	return float64(strings.Count(str, sep)+1) + float64(len(str)), true
}

// formatSize bounds the length of format(spec, args...)'s result: each
// verb prints at most the largest argument (widths are bounded apart, by
// boundedFormat). formatlist multiplies it by the longest list.
func formatSize(list bool) func([]cty.Value) (float64, bool) {
	return func(args []cty.Value) (float64, bool) {
		spec, ok := knownString(args[0])
		if !ok {
			return 0, false
		}
		largest, rows := 0, 1
		for _, a := range args[1:] {
			a, _ = a.Unmark()
			if list && a.IsKnown() && !a.IsNull() && a.CanIterateElements() && a.Type() != cty.String {
				rows = max(rows, a.LengthInt())
			}
			largest = max(largest, valueSize(a))
		}
		verbs := strings.Count(spec, "%")
		return float64(rows) * (float64(len(spec)) + float64(verbs)*float64(largest+64)), true
	}
}

// valueSize is the size of a value as fits counts it, up to just past
// maxValueSize.
func valueSize(v cty.Value) int {
	budget := maxValueSize
	fits(v, &budget)
	return maxValueSize - budget
}

// indentSize is the length of indent(spaces, str)'s result.
func indentSize(args []cty.Value) (float64, bool) {
	n, ok1 := knownNumber(args[0])
	str, ok2 := knownString(args[1])
	if !ok1 || !ok2 {
		return 0, false
	}
	return float64(len(str)) + max(n, 0)*float64(strings.Count(str, "\n")), true
}

// amplifyingFunctions are the bounded string and list functions of one
// configuration.
func amplifyingFunctions(cfg *config) map[string]function.Function {
	return map[string]function.Function{
		"replace":    sized(cfg, "replace", replaceFunc(), replaceSize),
		"join":       sized(cfg, "join", stdlib.JoinFunc, joinSize),
		"split":      sized(cfg, "split", stdlib.SplitFunc, splitSize),
		"format":     sized(cfg, "format", boundedFormat(stdlib.FormatFunc), formatSize(false)),
		"formatlist": sized(cfg, "formatlist", boundedFormat(stdlib.FormatListFunc), formatSize(true)),
		"indent":     sized(cfg, "indent", stdlib.IndentFunc, indentSize),
		"jsondecode": depthBounded(cfg, "jsondecode", stdlib.JSONDecodeFunc),
		"yamldecode": yamlDecodeFunc(cfg),
	}
}

// depthBounded refuses a document nested deeper than maxNesting before
// decoding it: the decoder recurses once per level.
func depthBounded(cfg *config, name string, f function.Function) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if s, ok := knownString(args[0]); ok && jsonDepthOver(s) {
				msg := fmt.Sprintf("Too deeply nested: %s() of a document nested deeper than %d levels; the value is unknown", name, maxNesting)
				cfg.pending = append(cfg.pending, msg)
				return cty.NilType, errors.New(msg)
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return f.Call(args) },
	})
}

// jsonDepthOver reports whether a JSON text's arrays and objects nest
// deeper than maxNesting.
func jsonDepthOver(s string) bool {
	depth, inString := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			if depth++; depth > maxNesting {
				return true
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return false
}

// forProduct bounds the iterations of the nested for expressions (and
// template for directives) of e before it is evaluated: a for's body runs
// as many times as its collection has elements times the runs of the for
// whose body holds it, and more than maxGenerated runs are refused. A
// collection that depends on an enclosing for's variables counts as the
// largest collection seen. f are e's facts.
func (ev *evaluator) forProduct(e hcl.Expression, sc *scope, f *exprFacts) error {
	se, ok := e.(hclsyntax.Expression)
	if !ok || !f.hasFor {
		return nil
	}
	w := &forWalker{ev: ev, sc: sc, largest: 1}
	walkSyntax(se, func(n hclsyntax.Node) { w.Enter(n) }, func(n hclsyntax.Node) { w.Exit(n) })
	return w.err
}

type forFrame struct {
	fe          *hclsyntax.ForExpr
	base, runs  float64         // runs of the for itself, of its body
	outer, body map[string]bool // names bound in its collection, in its body
}

type forWalker struct {
	ev      *evaluator
	sc      *scope
	stack   []forFrame
	largest float64
	err     error
}

func (w *forWalker) Enter(n hclsyntax.Node) hcl.Diagnostics {
	fe, ok := n.(*hclsyntax.ForExpr)
	if !ok || w.err != nil {
		return nil
	}
	base, bound := 1.0, map[string]bool{}
	if len(w.stack) > 0 {
		top := w.stack[len(w.stack)-1]
		base, bound = top.runs, top.body
		if within(fe.SrcRange, top.fe.CollExpr.Range()) {
			base, bound = top.base, top.outer
		}
	}
	count := w.largest
	if !usesAny(w.ev.m.facts(fe.CollExpr).vars, bound) {
		v, _ := w.ev.eval(fe.CollExpr, w.sc).Unmark()
		if v.IsKnown() && !v.IsNull() && v.CanIterateElements() {
			count = float64(v.LengthInt())
			w.largest = max(w.largest, count)
		}
	}
	runs := base * max(count, 1)
	if runs > maxGenerated {
		msg := fmt.Sprintf("%s: nested for expressions would run their body %.0f times; configward evaluates at most %d, and the value is unknown", tooLargeSummary, runs, maxGenerated)
		w.ev.cfg.pending = append(w.ev.cfg.pending, msg)
		w.err = errors.New(msg)
	}
	body := map[string]bool{fe.KeyVar: fe.KeyVar != "", fe.ValVar: true}
	for k := range bound {
		body[k] = true
	}
	w.stack = append(w.stack, forFrame{fe: fe, base: base, runs: runs, outer: bound, body: body})
	return nil
}

func (w *forWalker) Exit(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok && len(w.stack) > 0 && w.stack[len(w.stack)-1].fe == n {
		w.stack = w.stack[:len(w.stack)-1]
	}
	return nil
}

// within reports whether range a lies inside range b.
func within(a, b hcl.Range) bool {
	return a.Start.Byte >= b.Start.Byte && a.End.Byte <= b.End.Byte
}

// usesAny reports whether the variables refer to one of the names.
func usesAny(vars []hcl.Traversal, names map[string]bool) bool {
	for _, t := range vars {
		if names[t.RootName()] {
			return true
		}
	}
	return false
}
