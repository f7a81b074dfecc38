package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/fixes"
)

//go:embed docs/CW701.md
var docCW701 string

// BucketVersioningOff reports S3 buckets without versioning enabled.
var BucketVersioningOff = &analyzer.Rule{
	ID:        "CW701",
	Name:      "bucket-versioning-off",
	Title:     "S3 bucket without versioning",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"s3", "resilience", "aws-config"},
	Precision: "very-high",
	Doc:       docCW701,
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

// versioningFix turns versioning on where the format keeps the status
// (Terraform: in aws_s3_bucket_versioning, added when missing); the
// legacy inline flag is left to the user.
func versioningFix(u *model.Unit, b *model.Bucket) *analyzer.Fix {
	return fixes.Set(u, b.Resource, "Enable versioning", fixes.Setting{Prop: b.VersioningStatus, Value: "Enabled"})
}
