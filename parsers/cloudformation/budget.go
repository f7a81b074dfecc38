package cloudformation

import (
	"fmt"

	"github.com/configward/configward/parsers/model"
)

// What evaluation builds for one unit (a template and its nested stacks)
// is bounded by one budget, charged before each thing that can make more
// than it reads is built: a Ref's copy of a parameter, a split, a join or
// sub's string, SAM Globals merged into a function, a nested stack's
// template. Past it the value is unknown and the first refusal is a CW001
// "too large to evaluate" at its place.
const (
	unitBudget = 16 << 20
	nodeCost   = 64 // what one value node costs, against string bytes
)

// budget is a unit's; every evaluator of the unit shares it through the
// loader.
type budget struct {
	left     int64
	reported bool
}

// charge takes cost from the unit's budget, or says no and reports the
// first refusal at rng.
func (e *evaluator) charge(cost int64, rng model.Range, what string) bool {
	b := &e.loader.budget
	if cost <= b.left {
		b.left -= cost
		return true
	}
	e.refuse(cost, rng, what)
	return false
}

// refuse reports the unit's first refusal.
func (e *evaluator) refuse(cost int64, rng model.Range, what string) {
	b := &e.loader.budget
	if !b.reported {
		b.reported = true
		e.diags = append(e.diags, model.Diagnostic{Summary: "Too large to evaluate", Detail: fmt.Sprintf("%s would build about %d bytes, over what configward evaluates for one template (%d bytes in all, %d in one string); it is unknown, as is whatever else would go past the limit", what, cost, unitBudget, maxString), Range: rng})
	}
}

// cost is what a value tree costs: its nodes and string bytes. Shared
// subtrees count at each use, as the rules walk them at each use.
func cost(v *model.Value) int64 {
	var n int64
	v.Walk(func(x *model.Value) bool {
		n += nodeCost + int64(len(x.Str)) + int64(len(x.Fields))*nodeCost
		for _, f := range x.Fields {
			n += int64(len(f.Key))
		}
		return true
	})
	return n
}

// index is a lookup table of an object's members, the first of each key,
// built once per object for the lookups by name (mappings, conditions)
// that a template repeats for each resource.
func (e *evaluator) member(v *model.Value, key string) *model.Value {
	if v == nil || v.Kind != model.Object || len(v.Fields) < 16 {
		return v.Get(key)
	}
	idx, ok := e.loader.indexes[v]
	if !ok {
		idx = make(map[string]*model.Value, len(v.Fields))
		for _, f := range v.Fields {
			if _, dup := idx[f.Key]; !dup {
				idx[f.Key] = f.Value
			}
		}
		e.loader.indexes[v] = idx
	}
	return idx[key]
}
