package rules

import (
	"strconv"

	"github.com/configward/configward/parsers/model"
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
