package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/fixes"
)

//go:embed docs/CW501.md
var docCW501 string

// CloudTrailNotMultiRegion reports trails that log one Region only, or that
// leave out the management events in which AWS Config API calls (stopping
// the recorder, deleting the channel) are recorded.
var CloudTrailNotMultiRegion = &analyzer.Rule{
	ID:        "CW501",
	Name:      "cloudtrail-not-multi-region",
	Title:     "CloudTrail trail not multi-Region or without management events",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"cloudtrail", "logging"},
	Precision: "very-high",
	Doc:       docCW501,
	Run:       runCloudTrailNotMultiRegion,
}

func runCloudTrailNotMultiRegion(pass *analyzer.Pass) error {
	for _, t := range pass.Unit.Entities.Trails {
		subject := "trail " + quote(t.Address)
		report := func(rng model.Range, prop, msg string, fix *analyzer.Fix) {
			pass.Report(analyzer.Finding{Range: rng, Message: subject + " " + msg, Resource: t.Address, CDKPath: t.CDKPath, Property: prop, Fix: fix})
		}
		if !t.MultiRegion.IsUnknown() {
			if on, ok := t.MultiRegion.AsBool(); !ok || !on {
				report(t.MultiRegion.At(), t.MultiRegion.Path, "logs only the Region it is created in: AWS Config API calls in other Regions leave no durable record",
					fixes.Set(pass.Unit, t.Resource, "Make the trail multi-Region", fixes.Setting{Prop: t.MultiRegion, Value: true}))
			}
		}
		if t.SelectorsUnknown {
			continue
		}
		if rng, prop, why := managementGap(t); why != "" {
			report(rng, prop, why, nil) // which selectors to log is the user's choice
		}
	}
	return nil
}

// managementGap says why a trail's selectors leave out write management
// events, "" when they keep them or it cannot be told.
func managementGap(t *model.Trail) (model.Range, string, string) {
	if len(t.Advanced) > 0 {
		for _, sel := range t.Advanced {
			category, readOnly := "", ""
			for _, fs := range sel.Fields {
				name, ok := fs.Field.AsString()
				if !ok {
					return model.Range{}, "", ""
				}
				switch name {
				case "eventCategory":
					for _, v := range fs.Equals.Elements() {
						s, ok := v.AsString()
						if !ok {
							return model.Range{}, "", ""
						}
						if s == "Management" {
							category = s
						}
					}
				case "readOnly":
					for _, v := range fs.Equals.Elements() {
						s, ok := v.AsString()
						if !ok {
							return model.Range{}, "", ""
						}
						readOnly = strings.ToLower(s)
					}
				}
			}
			if category != "" && readOnly != "true" {
				return model.Range{}, "", ""
			}
		}
		return t.Advanced[0].Value.Range, t.AdvancedEventSelectors.Path, "has advanced event selectors that select no write management events: AWS Config API calls are not logged"
	}
	if len(t.Selectors) == 0 {
		return model.Range{}, "", ""
	}
	for _, sel := range t.Selectors {
		if sel.IncludeManagementEvents.IsUnknown() || sel.ReadWriteType.IsUnknown() {
			return model.Range{}, "", ""
		}
		include := true
		if on, ok := sel.IncludeManagementEvents.AsBool(); ok {
			include = on
		}
		rw, _ := sel.ReadWriteType.AsString()
		if include && rw != "ReadOnly" {
			return model.Range{}, "", ""
		}
	}
	return t.Selectors[0].Value.Range, t.EventSelectors.Path, "has event selectors that exclude write management events: AWS Config API calls are not logged"
}
