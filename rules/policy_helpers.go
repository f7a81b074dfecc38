package rules

import (
	"strconv"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policyeval"
)

// Helpers of the policy rules (CW203, CW307-CW314).

// stmtElemRange points at an element, else the fallback ranges in order.
func stmtElemRange(e *model.Elem, fallback ...model.Range) model.Range {
	if e != nil && !e.Range.IsZero() {
		return e.Range
	}
	for _, r := range fallback {
		if !r.IsZero() {
			return r
		}
	}
	return model.Range{}
}
func strconvItoa(n int) string { return strconv.Itoa(n) }

// views caches the evaluation view of each policy for the rules of one
// unit (unitViews): the core (policyeval) answers what a statement still
// grants once the same policy's Denies are subtracted.
type views map[*model.Policy]*policyeval.View

// viewsKey keys the views of a pass's unit (analyzer.Pass.Shared).
type viewsKey struct{}

// unitViews returns the views of pass's unit, shared by the rules that
// run over it: each policy's Denies are indexed once per unit, whichever
// rules ask (a View answers from the policy alone).
func unitViews(pass *analyzer.Pass) views {
	return pass.Shared(viewsKey{}, func() any { return views{} }).(views)
}

func (vs views) of(p *model.Policy) *policyeval.View {
	v, ok := vs[p]
	if !ok {
		v = policyeval.NewView(p)
		vs[p] = v
	}
	return v
}

// grantsNothing reports whether the Allow statement s of p matches no
// request at all (NotResource "*", every action denied by the same policy).
func (vs views) grantsNothing(p *model.Policy, s *model.Statement) bool {
	nothing, _ := vs.of(p).GrantsNothing(s)
	return nothing
}

// denied reports whether an unconditional Deny of p refuses everything the
// action element e of Allow s grants.
func (vs views) denied(p *model.Policy, s *model.Statement, e *model.Elem) bool {
	return e.Known && vs.of(p).ActionDenied(s, e.Text)
}
