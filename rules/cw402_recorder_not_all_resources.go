package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

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
	Doc:       doc("CW402"),
	Run:       runRecorderNotAllResources,
}

// securityCriticalTypes are the resource types whose changes matter most
// to an investigation (rules.md CW402); a type pattern ending in "::*"
// covers a service.
var securityCriticalTypes = []string{
	"AWS::IAM::*", "AWS::EC2::SecurityGroup", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::CloudTrail::Trail",
}

func isSecurityCritical(t string) bool {
	for _, c := range securityCriticalTypes {
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
	f := pass.Unit.Format
	groupProp := propName(f, "RecordingGroup", "recording_group")
	for _, rec := range pass.Unit.Entities.Recorders {
		g := rec.RecordingGroup
		if g == nil || g.IsUnknown() {
			continue // absent: every supported regional type
		}
		subject := "configuration recorder " + quote(rec.Address)
		report := func(rng model.Range, prop, msg string) {
			pass.Report(analyzer.Finding{Range: rng, Message: subject + " " + msg, Resource: rec.Address, CDKPath: rec.CDKPath, Property: prop})
		}
		strategy, strategyKnown := rec.Strategy.AsString()
		if rec.Strategy.IsUnknown() {
			continue
		}
		if strategy == "EXCLUSION_BY_RESOURCE_TYPES" || (!strategyKnown && rec.ExcludedTypes != nil) {
			if rec.ExcludedTypes.IsUnknown() {
				continue
			}
			for _, t := range rec.ExcludedTypes.Elements() {
				if s, ok := t.AsString(); ok && isSecurityCritical(s) {
					report(t.Range, propName(f, "RecordingGroup.ExclusionByResourceTypes.ResourceTypes", "recording_group.exclusion_by_resource_types.resource_types"), "excludes security-critical resource type "+s+" from recording")
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
			(rec.AllSupported == nil && len(rec.ResourceTypes.Elements()) > 0)
		if !inclusion || (allKnown && all) {
			continue
		}
		prop := propName(f, "AllSupported", "all_supported")
		rng := g.KeyRangeOf(prop)
		if rec.AllSupported == nil {
			rng = rec.PropRange(groupProp)
		}
		var missing []string
		listed := map[string]bool{}
		for _, t := range rec.ResourceTypes.Elements() {
			if s, ok := t.AsString(); ok {
				listed[s] = true
			}
		}
		for _, c := range securityCriticalTypes {
			if !strings.HasSuffix(c, "*") && !listed[c] {
				missing = append(missing, c)
			}
		}
		msg := "records only the resource types it lists, not all supported types"
		if len(missing) > 0 {
			msg += " (not recorded: " + strings.Join(missing, ", ") + ")"
		}
		report(rng, groupProp+"."+prop, msg)
	}
	return nil
}
