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
			fix := versioningFix(pass.Unit, b)
			if knownEmpty(st) {
				pass.Report(withFix(propFinding(b.Resource, st, sev,
					"bucket "+quote(b.Address)+" does not enable versioning, so overwritten or deleted objects cannot be recovered"+why), fix))
				continue
			}
			pass.Report(withFix(propFinding(b.Resource, st, sev,
				"bucket "+quote(b.Address)+" has versioning "+quote(s)+", not \"Enabled\", so overwritten or deleted objects cannot be recovered"+why), fix))
		}
		return nil
	},
}

// versioningFix turns versioning on: the status set where it is written or
// in the template, or (Terraform) an aws_s3_bucket_versioning resource
// added. Terraform's legacy inline versioning block is left to the user,
// who should move it to that resource.
func versioningFix(u *model.Unit, b *model.Bucket) *analyzer.Fix {
	const desc = "Enable versioning"
	st := b.VersioningStatus
	if u.Format != model.Terraform {
		return setFix(desc, b.Resource, st, "Enabled")
	}
	if st.Absent() {
		return addBlockFix(desc, u, b.Resource, "aws_s3_bucket_versioning", "bucket", "id",
			"  versioning_configuration {\n    status = \"Enabled\"\n  }\n")
	}
	if st.Holder == nil || st.Holder.Type != "aws_s3_bucket_versioning" {
		return nil
	}
	return setFix(desc, b.Resource, st, "Enabled")
}
