package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

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
	Doc:       doc("CW407"),
	Run:       runAggregatorNotAllRegions,
}

func runAggregatorNotAllRegions(pass *analyzer.Pass) error {
	f := pass.Unit.Format
	for _, agg := range pass.Unit.Entities.Aggregators {
		for _, src := range agg.Sources {
			if src.Value.IsUnknown() || src.AllRegions.IsUnknown() {
				continue
			}
			if all, ok := src.AllRegions.AsBool(); ok && all {
				continue
			}
			kind := "account"
			srcProp := propName(f, "AccountAggregationSources", "account_aggregation_source")
			if src.Organization {
				kind = "organization"
				srcProp = propName(f, "OrganizationAggregationSource", "organization_aggregation_source")
			}
			rng, prop := src.Value.KeyRangeOf(src.AllRegionsKey), srcProp+"."+src.AllRegionsKey
			if src.AllRegions == nil {
				rng, prop = src.Value.KeyRangeOf(src.RegionsKey), srcProp+"."+src.RegionsKey
			}
			if src.AllRegions == nil && src.Regions == nil {
				rng = agg.PropRange(srcProp)
			}
			pass.Report(analyzer.Finding{
				Range:    rng,
				Message:  "aggregator " + quote(agg.Address) + " aggregates its " + kind + " source from listed Regions only, not all Regions: Regions added later are not covered",
				Resource: agg.Address,
				CDKPath:  agg.CDKPath,
				Property: prop,
			})
		}
	}
	return nil
}
