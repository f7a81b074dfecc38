package checker

import (
	"cmp"
	"slices"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// callChains maps each resource of the unit that a module call or nested
// stack made to its chain of calls; nil when there is none.
func callChains(u *model.Unit) map[string][]model.Call {
	var out map[string][]model.Call
	for _, r := range u.Resources {
		if len(r.Calls) > 0 {
			if out == nil {
				out = map[string][]model.Call{}
			}
			out[r.Address] = r.Calls
		}
	}
	return out
}

// attachInstance records the instantiation of a finding on a resource of a
// called module: its address and calls, with call sites named for display.
func attachInstance(f *analyzer.Finding, calls map[string][]model.Call, name func(string) string) {
	chain, ok := calls[f.Resource]
	if !ok || len(f.Instances) > 0 {
		return
	}
	in := analyzer.Instance{Address: f.Resource, Calls: make([]model.Call, len(chain))}
	for i, c := range chain {
		c.Range.Filename = name(c.Range.Filename)
		in.Calls[i] = c
	}
	f.Instances = []analyzer.Instance{in}
}

// mergeInstances makes one finding of the findings of one rule at one
// place (file, range, property, address inside the module) that differ
// only by the module call or root module that instantiated them: it lists
// every instantiation, in call-site order, keeps the message of the first,
// and is suppressed only when each of them was.
func mergeInstances(findings []*analyzer.Finding) []*analyzer.Finding {
	type key struct {
		rule, property, local string
		rng                   model.Range
	}
	groups := map[key][]*analyzer.Finding{}
	var order []key
	out := findings[:0]
	for _, f := range findings {
		if len(f.Instances) == 0 {
			out = append(out, f)
			continue
		}
		k := key{f.RuleID, f.Property, f.LocalAddress(), f.Range}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], f)
	}
	for _, k := range order {
		out = append(out, merge(groups[k]))
	}
	return out
}

func merge(group []*analyzer.Finding) *analyzer.Finding {
	slices.SortFunc(group, func(a, b *analyzer.Finding) int { return compareInstance(a.Instances[0], b.Instances[0]) })
	m := group[0]
	for _, f := range group[1:] {
		m.Instances = append(m.Instances, f.Instances...)
		m.Severity = max(m.Severity, f.Severity)
		if f.Suppression == nil {
			m.Suppression = nil
		}
	}
	m.Instances = slices.CompactFunc(m.Instances, func(a, b analyzer.Instance) bool {
		return a.Address == b.Address && slices.Equal(a.Calls, b.Calls)
	})
	return m
}

// compareInstance orders instantiations by their call sites, outermost
// first.
func compareInstance(a, b analyzer.Instance) int {
	for i := 0; i < len(a.Calls) && i < len(b.Calls); i++ {
		if c := compareRange(a.Calls[i].Range, b.Calls[i].Range); c != 0 {
			return c
		}
	}
	return cmp.Or(cmp.Compare(len(a.Calls), len(b.Calls)), strings.Compare(a.Address, b.Address))
}

func compareRange(a, b model.Range) int {
	return cmp.Or(strings.Compare(a.Filename, b.Filename),
		cmp.Compare(a.Start.Line, b.Start.Line), cmp.Compare(a.Start.Column, b.Start.Column))
}
