package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// BucketVersioningOff reports S3 buckets without versioning enabled.
var BucketVersioningOff = &analyzer.Rule{
	ID:        "CW701",
	Name:      "bucket-versioning-off",
	Title:     "S3 bucket without versioning",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"s3", "resilience", "aws-config"},
	Precision: "very-high",
	Doc:       doc("CW701"),
	Run: func(pass *analyzer.Pass) error {
		prop := propName(pass.Unit.Format, "VersioningConfiguration", "aws_s3_bucket_versioning")
		for _, b := range pass.Unit.Entities.Buckets {
			st := b.VersioningStatus
			if st.IsUnknown() {
				continue
			}
			s, _ := st.AsString()
			if s == "Enabled" {
				continue
			}
			sev, why := deliveryBucket(b, analyzer.Medium)
			if knownEmpty(st) {
				reportOn(pass, b.Resource, b.DefRange, sev, prop,
					"bucket "+quote(b.Address)+" does not enable versioning, so overwritten or deleted objects cannot be recovered"+why)
				continue
			}
			root := b.Body
			if b.Versioning != nil {
				root = b.Versioning
			}
			reportOn(pass, b.Resource, keyRange(root, st, b.DefRange), sev, prop,
				"bucket "+quote(b.Address)+" has versioning "+quote(s)+", not \"Enabled\", so overwritten or deleted objects cannot be recovered"+why)
		}
		return nil
	},
}
