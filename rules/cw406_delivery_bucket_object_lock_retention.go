package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

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
	Doc:       doc("CW406"),
	Run:       runDeliveryBucketObjectLockRetention,
}

func runDeliveryBucketObjectLockRetention(pass *analyzer.Pass) error {
	f := pass.Unit.Format
	for _, b := range pass.Unit.Entities.Buckets {
		ch := configpath.DeliveryBucket(b)
		ret := b.ObjectLockRetention
		if ch == nil || ret == nil || ret.Kind == model.Null || ret.IsUnknown() {
			continue
		}
		if ret.Kind == model.List && len(ret.Items) == 0 {
			continue
		}
		pass.Report(analyzer.Finding{
			Range:    ret.Range,
			Message:  "bucket " + quote(b.Address) + ", " + configpath.Because("delivery bucket", ch) + ", has an Object Lock default retention: AWS Config does not deliver to such buckets",
			Resource: b.Address,
			CDKPath:  b.CDKPath,
			Property: propName(f, "ObjectLockConfiguration.Rule.DefaultRetention", "object_lock_configuration.rule.default_retention"),
		})
	}
	return nil
}
