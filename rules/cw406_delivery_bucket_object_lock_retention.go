package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

//go:embed docs/CW406.md
var docCW406 string

// DeliveryBucketObjectLockRetention reports AWS Config delivery buckets
// with an Object Lock default retention, to which AWS Config cannot deliver.
var DeliveryBucketObjectLockRetention = &analyzer.Rule{
	ID:        "CW406",
	Name:      "delivery-bucket-object-lock-retention",
	Title:     "AWS Config delivery bucket has Object Lock default retention",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "logging", "s3"},
	Precision: "very-high",
	Doc:       docCW406,
	Run:       runDeliveryBucketObjectLockRetention,
}

func runDeliveryBucketObjectLockRetention(pass *analyzer.Pass) error {
	for _, b := range pass.Unit.Entities.Buckets {
		ch := configpath.DeliveryBucket(b)
		ret := b.ObjectLockRetention
		if ch == nil || ret.IsNull() || ret.IsUnknown() {
			continue
		}
		if ret.Kind == model.List && len(ret.Items) == 0 {
			continue
		}
		// At the retention itself, where its settings are.
		pass.Report(wholeFinding(b.Resource, ret.Value.Range, ret.Path, analyzer.None,
			"bucket "+quote(b.Address)+", "+configpath.Because("delivery bucket", ch)+", has an Object Lock default retention: AWS Config does not deliver to such buckets"))
	}
	return nil
}
