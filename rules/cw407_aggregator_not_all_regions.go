package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW407.md
var docCW407 string

// AggregatorNotAllRegions reports configuration aggregator sources that
// aggregate a fixed list of Regions instead of all Regions (current and
// future).
var AggregatorNotAllRegions = &analyzer.Rule{
	ID:        "CW407",
	Name:      "aggregator-not-all-regions",
	Title:     "AWS Config aggregator does not cover all Regions",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "coverage"},
	Precision: "very-high",
	Doc:       docCW407,
	Run:       runAggregatorNotAllRegions,
}

func runAggregatorNotAllRegions(pass *analyzer.Pass) error {
	for _, agg := range pass.Unit.Entities.Aggregators {
		for _, src := range agg.Sources {
			if src.Value.IsUnknown() || src.AllRegions.IsUnknown() {
				continue
			}
			if all, ok := src.AllRegions.AsBool(); ok && all {
				continue
			}
			kind := "account"
			srcProp := agg.AccountSources
			if src.Organization {
				kind = "organization"
				srcProp = agg.OrganizationSources
			}
			prop := src.AllRegions
			if prop.Absent() {
				prop = src.Regions
			}
			rng := prop.At()
			if prop.Absent() {
				rng = srcProp.At()
			}
			pass.Report(wholeFinding(agg.Resource, rng, srcProp.Path+"."+prop.Path, analyzer.None,
				"aggregator "+quote(agg.Address)+" aggregates its "+kind+" source from listed Regions only, not all Regions: Regions added later are not covered"))
		}
	}
	return nil
}
