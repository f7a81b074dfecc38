package rules

import (
	"strconv"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

func quote(s string) string { return strconv.Quote(s) }

// reportProp reports a finding about property p of the entity whose
// resource is r: at p's key (its holder's header when absent), with p's
// canonical path as the finding's property.
func reportProp(pass *analyzer.Pass, r *model.Resource, p *model.Property, sev analyzer.Severity, msg string) {
	pass.Report(propFinding(r, p, sev, msg))
}

// propFinding is the finding reportProp reports, for set rules that
// report later.
func propFinding(r *model.Resource, p *model.Property, sev analyzer.Severity, msg string) analyzer.Finding {
	return analyzer.Finding{Range: p.At(), Severity: sev, Message: msg, Resource: r.Address, CDKPath: r.CDKPath, Property: p.Path}
}

// wholeFinding is a finding at rng about the part of resource r that the
// canonical path names, when no single property holds it (a bucket without
// a policy, a role without a managed policy): path "" is r itself.
func wholeFinding(r *model.Resource, rng model.Range, path string, sev analyzer.Severity, msg string) analyzer.Finding {
	return analyzer.Finding{Range: rng, Severity: sev, Message: msg, Resource: r.Address, CDKPath: r.CDKPath, Property: path}
}

// withFix returns f with fix attached (nil leaves it without one).
func withFix(f analyzer.Finding, fix *analyzer.Fix) analyzer.Finding {
	f.Fix = fix
	return f
}
