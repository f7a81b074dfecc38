package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/fixes"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW403.md
var docCW403 string

// RecorderGlobalResourcesOff reports, over the whole scanned set, recorders
// none of which records the global IAM resource types (users, groups,
// roles, customer managed policies). Both CloudFormation and Terraform
// leave them out unless a recording group asks for them.
var RecorderGlobalResourcesOff = &analyzer.Rule{
	ID:        "CW403",
	Name:      "recorder-global-resources-off",
	Title:     "No AWS Config recorder records global IAM resources",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "coverage", "iam"},
	Precision: "medium",
	Doc:       docCW403,
	Set:       &analyzer.SetCheck[globalCoverage]{Summarize: summarizeGlobalCoverage, Judge: judgeGlobalCoverage},
}

// globalCoverage is what CW403 keeps of a unit: whether some recorder of
// it records the global IAM types (or may), and otherwise a finding for
// each recorder, reported when no unit of the set records them.
type globalCoverage struct {
	records bool
	off     []analyzer.Finding
}

func summarizeGlobalCoverage(pass *analyzer.Pass) (globalCoverage, error) {
	var c globalCoverage
	for _, r := range pass.Unit.Entities.Recorders {
		switch recordsGlobal(r) {
		case policycheck.Yes, policycheck.Unknown:
			return globalCoverage{records: true}, nil // this set records them, or may
		}
		prop := r.RecordingGroup
		if !prop.Absent() && !r.IncludeGlobal.Absent() {
			prop = r.IncludeGlobal
		}
		c.off = append(c.off, withFix(propFinding(r.Resource, prop, analyzer.None,
			"configuration recorder "+quote(r.Address)+" does not record the global IAM resource types (users, groups, roles, customer managed policies), and no other recorder in this set does"),
			globalTypesFix(pass.Unit, r)))
	}
	return c, nil
}

func judgeGlobalCoverage(pass *analyzer.SetPass, units []globalCoverage) error {
	for _, c := range units {
		if c.records {
			return nil
		}
	}
	for i, c := range units {
		for _, f := range c.off {
			pass.Report(i, f)
		}
	}
	return nil
}

// recordsGlobal says whether a recorder records the global IAM types
// (research edge cases 25-26): an omitted recording group does not; the
// exclusion strategy does unless it excludes them; all supported types with
// IncludeGlobalResourceTypes does; an inclusion list does when it lists them.
func recordsGlobal(r *model.Recorder) policycheck.Tri {
	g := r.RecordingGroup
	switch {
	case g.Absent():
		return policycheck.No
	case g.IsUnknown() || r.Strategy.IsUnknown():
		return policycheck.Unknown
	}
	strategy, _ := r.Strategy.AsString()
	if strategy == "EXCLUSION_BY_RESOURCE_TYPES" || (r.Strategy.Absent() && !r.ExcludedTypes.Absent()) {
		if r.ExcludedTypes.IsUnknown() {
			return policycheck.Unknown
		}
		excluded := 0
		for _, t := range r.ExcludedTypes.Elements() {
			s, ok := t.AsString()
			if !ok {
				return policycheck.Unknown
			}
			if awsfacts.GlobalIAMTypes[s] {
				excluded++
			}
		}
		if excluded == len(awsfacts.GlobalIAMTypes) {
			return policycheck.No
		}
		return policycheck.Yes
	}
	if r.IncludeGlobal.IsUnknown() || r.AllSupported.IsUnknown() || r.ResourceTypes.IsUnknown() {
		return policycheck.Unknown
	}
	if on, ok := r.IncludeGlobal.AsBool(); ok && on {
		if all, ok := r.AllSupported.AsBool(); !ok || all {
			return policycheck.Yes
		}
	}
	for _, t := range r.ResourceTypes.Elements() {
		s, ok := t.AsString()
		if !ok {
			return policycheck.Unknown
		}
		if awsfacts.GlobalIAMTypes[s] {
			return policycheck.Yes
		}
	}
	return policycheck.No
}

// globalTypesFix records the global IAM types where that is one setting:
// a recorder without a recording group gets one that records every
// supported type with the global ones, and a group that records every
// supported type turns the global ones on. A recorder that lists or
// excludes types is left to the user, whose list it is.
func globalTypesFix(u *model.Unit, r *model.Recorder) *analyzer.Fix {
	const desc = "Record the global IAM resource types"
	if !r.RecordingGroup.Absent() {
		all, ok := r.AllSupported.AsBool()
		if !ok || !all || !r.Strategy.Absent() || !r.ExcludedTypes.Absent() || len(r.ResourceTypes.Elements()) > 0 {
			return nil
		}
	}
	return fixes.Set(u, r.Resource, desc, fixes.Setting{Prop: r.AllSupported, Value: true}, fixes.Setting{Prop: r.IncludeGlobal, Value: true})
}
