package checker

import (
	"fmt"

	"github.com/configward/configward/analyzer"
)

// setSummary is what a set rule's first phase kept of a unit.
type setSummary struct {
	rule    *analyzer.Rule
	summary any
}

// runSetRules runs the second phase of each set rule over the summaries
// its first phase made of every unit, across all roots, in scan order;
// findings go to the unit of the summary they are reported on.
func runSetRules(roots []*rootScan, opts Options) {
	for _, r := range opts.Rules {
		if r.Set == nil {
			continue
		}
		var units []*unitResult
		var summaries []any
		for _, rs := range roots {
			for _, u := range rs.units {
				for _, s := range u.summaries {
					if s.rule == r {
						units = append(units, u)
						summaries = append(summaries, s.summary)
					}
				}
			}
		}
		if len(units) == 0 {
			continue
		}
		failed := func(why any) {
			first := units[0]
			first.notes = append(first.notes, analyzer.Notification{Level: "error", RuleID: r.ID, Message: fmt.Sprintf("rule %s failed over the scanned set: %v", r.ID, why)})
		}
		func() {
			defer func() {
				if p := recover(); p != nil {
					failed(p)
					debugLog(p)
				}
			}()
			sp := analyzer.NewSetPass(r, opts.Config, func(i int, f analyzer.Finding) {
				if i >= 0 && i < len(units) {
					f.Format = units[i].format
					units[i].findings = append(units[i].findings, &f)
				}
			})
			if err := r.Set.JudgeSet(sp, summaries); err != nil {
				failed(err)
			}
		}()
	}
	for _, rs := range roots {
		for _, u := range rs.units {
			u.summaries = nil
		}
	}
}
