package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
)

//go:embed docs/CW402.md
var docCW402 string

// RecorderNotAllResources reports recorders that record only a list of
// resource types, or that exclude security-critical types.
var RecorderNotAllResources = &analyzer.Rule{
	ID:        "CW402",
	Name:      "recorder-not-all-resources",
	Title:     "AWS Config recorder does not record all resource types",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "coverage"},
	Precision: "high",
	Doc:       docCW402,
	Run:       runRecorderNotAllResources,
}

func isSecurityCritical(t string) bool {
	for _, c := range awsfacts.SecurityCriticalTypes {
		if prefix, ok := strings.CutSuffix(c, "*"); ok {
			if strings.HasPrefix(t, prefix) {
				return true
			}
		} else if t == c {
			return true
		}
	}
	return false
}

func runRecorderNotAllResources(pass *analyzer.Pass) error {
	for _, rec := range pass.Unit.Entities.Recorders {
		g := rec.RecordingGroup
		if g.Absent() || g.IsUnknown() {
			continue // absent: every supported regional type
		}
		subject := "configuration recorder " + quote(rec.Address)
		report := func(rng model.Range, prop *model.Property, msg string) {
			pass.Report(analyzer.Finding{Range: rng, Message: subject + " " + msg, Resource: rec.Address, CDKPath: rec.CDKPath, Property: prop.Path})
		}
		strategy, strategyKnown := rec.Strategy.AsString()
		if rec.Strategy.IsUnknown() {
			continue
		}
		if strategy == "EXCLUSION_BY_RESOURCE_TYPES" || (!strategyKnown && !rec.ExcludedTypes.Absent()) {
			if rec.ExcludedTypes.IsUnknown() {
				continue
			}
			for _, t := range rec.ExcludedTypes.Elements() {
				if s, ok := t.AsString(); ok && isSecurityCritical(s) {
					report(t.Range, rec.ExcludedTypes, "excludes security-critical resource type "+s+" from recording")
				}
			}
			continue
		}
		all, allKnown := rec.AllSupported.AsBool()
		if rec.AllSupported.IsUnknown() || rec.ResourceTypes.IsUnknown() {
			continue
		}
		inclusion := strategy == "INCLUSION_BY_RESOURCE_TYPES" ||
			(allKnown && !all) ||
			(rec.AllSupported.Absent() && len(rec.ResourceTypes.Elements()) > 0)
		if !inclusion || (allKnown && all) {
			continue
		}
		rng := rec.AllSupported.At()
		if rec.AllSupported.Absent() {
			rng = g.At()
		}
		var missing []string
		listed := map[string]bool{}
		for _, t := range rec.ResourceTypes.Elements() {
			if s, ok := t.AsString(); ok {
				listed[s] = true
			}
		}
		for _, c := range awsfacts.SecurityCriticalTypes {
			if !strings.HasSuffix(c, "*") && !listed[c] {
				missing = append(missing, c)
			}
		}
		msg := "records only the resource types it lists, not all supported types"
		if len(missing) > 0 {
			msg += " (not recorded: " + strings.Join(missing, ", ") + ")"
		}
		report(rng, rec.AllSupported, msg)
	}
	return nil
}
