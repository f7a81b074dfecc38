package terraform

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/configward/configward/parsers/model"
)

// A module's expressions are evaluated again and again with the same
// values: once per instance of the module in every unit that calls it
// (the examples of a published module all call it), and a count or a
// local once per instance. On real repositories six evaluations in ten
// repeat one already made. An expression's value depends only on the
// values in its context, the functions (the same for every
// configuration), and, for the file functions, the configuration's own
// files; so a parsed module keeps its expressions' values by context, and
// an evaluation with an equal context takes the value and the problems
// recorded the first time.

// maxRecalled bounds the contexts kept for one expression, so that one
// met with ever new values costs at most that many comparisons.
const maxRecalled = 4

// memo is the memo of one parsed module's expressions: the values of each
// expression are kept with its facts (exprFacts.kept), which an evaluation
// looks up anyway, shared by the units evaluating the module at the same
// time.
type memo struct {
	// evaluated counts the evaluations kept, for tests.
	evaluated atomic.Int64
}

// recalls are the evaluations kept of one expression.
type recalls struct {
	mu sync.Mutex
	rs []recalled
}

// memoKey is what an evaluation's value depends on.
type memoKey struct {
	refs []attrRef
	// cfg identifies the configuration when the expression reads its
	// files; 0 otherwise.
	cfg int64
}

type recalled struct {
	key   memoKey
	val   cty.Value
	diags []model.Diagnostic
}

// configIDs numbers configurations, for memoKey.cfg.
var configIDs atomic.Int64

// memoKey returns the key of e's evaluation in ctx; ok is false when its
// value must not be kept: not native syntax (JSON expressions are made
// anew at each read), while a compact expression parsed again is in use
// (it would keep that syntax, as facts would), a context holding values
// still being computed, or a module parsed outside a cache.
func (ev *evaluator) memoKey(e hcl.Expression, in inputs) (memoKey, bool) {
	_, native := e.(hclsyntax.Expression)
	if !native || !in.final || !in.facts.shared || ev.m.parsed == nil || ev.cfg.fresh > 0 {
		return memoKey{}, false
	}
	k := memoKey{refs: in.refs}
	if in.facts.readsFiles {
		if ev.cfg.id == 0 {
			ev.cfg.id = configIDs.Add(1)
		}
		k.cfg = ev.cfg.id
	}
	return k, true
}

// recall returns the value and the problems of an evaluation with an
// equal key.
func (c *recalls) recall(k memoKey) (cty.Value, []model.Diagnostic, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range c.rs {
		if r.key.cfg == k.cfg && sameRefs(r.key.refs, k.refs) {
			return r.val, r.diags, true
		}
	}
	return cty.NilVal, nil, false
}

// remember keeps an evaluation's value and the problems it recorded.
func (c *recalls) remember(m *memo, k memoKey, val cty.Value, diags []model.Diagnostic) {
	m.evaluated.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.rs) < maxRecalled {
		c.rs = append(c.rs, recalled{k, val, slices.Clone(diags)})
	}
}

// sameRefs tells whether two contexts hold equal values: the same roots
// and attributes in the same order, and values equal with their types,
// marks and refinements.
func sameRefs(a, b []attrRef) bool {
	return slices.EqualFunc(a, b, func(x, y attrRef) bool {
		return x.root == y.root && x.name == y.name && sameValue(x.v, y.v)
	})
}

// fileFunctionNames are the functions whose value depends on the
// configuration's files: the file functions, and templatestring, whose
// template may call them.
var fileFunctionNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{"templatestring": true}
	for n := range fileFunctions(&config{}) {
		names[n] = true
	}
	return names
})

// sameValue is a.RawEquals(b), made cheaper on the values modules pass
// around. RawEquals compares the whole type first and then again for each
// attribute at every level, and compares strings and bools by Equals,
// which walks both values for marks and allocates: for a module's large
// object inputs and its many string and bool ones that was most of a
// lookup's cost. Two known, unmarked, non-null values are equal when they
// are equal strings or bools, or objects without optional attributes with
// the same attribute names and equal attributes (which compares their
// types along the way).
func sameValue(a, b cty.Value) bool {
	if a.IsMarked() || b.IsMarked() || !a.IsKnown() || !b.IsKnown() || a.IsNull() || b.IsNull() {
		return a.RawEquals(b)
	}
	switch ta, tb := a.Type(), b.Type(); {
	case ta == cty.String && tb == cty.String:
		return a.AsString() == b.AsString()
	case ta == cty.Bool && tb == cty.Bool:
		// A known bool's GoString is cty.True or cty.False: read
		// without True's Equals.
		return a.GoString() == b.GoString()
	case ta.IsObjectType() && tb.IsObjectType():
		if len(ta.OptionalAttributes()) > 0 || len(tb.OptionalAttributes()) > 0 {
			return a.RawEquals(b)
		}
		at, bt := ta.AttributeTypes(), tb.AttributeTypes()
		if len(at) != len(bt) {
			return false
		}
		for name := range at {
			if _, ok := bt[name]; !ok || !sameValue(a.GetAttr(name), b.GetAttr(name)) {
				return false
			}
		}
		return true
	}
	return a.RawEquals(b)
}
