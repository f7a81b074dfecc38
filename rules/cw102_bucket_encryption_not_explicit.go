package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW102.md
var docCW102 string

// BucketEncryptionNotExplicit reports S3 buckets that leave default
// encryption to S3's implicit SSE-S3, and delivery buckets that use SSE-S3
// although their delivery channel encrypts with a KMS key.
var BucketEncryptionNotExplicit = &analyzer.Rule{
	ID:        "CW102",
	Name:      "bucket-encryption-not-explicit",
	Title:     "S3 bucket without an explicit default encryption",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"encryption", "s3", "aws-config"},
	Precision: "high",
	Doc:       docCW102,
	Run: func(pass *analyzer.Pass) error {
		for _, b := range pass.Unit.Entities.Buckets {
			alg := b.SSEAlgorithm
			if alg.IsUnknown() {
				continue
			}
			sev, why := deliveryBucket(b, analyzer.Medium)
			if knownEmpty(alg.V()) {
				if why == "" {
					// Since 2023-01-05 S3 encrypts every new object
					// with SSE-S3 when the bucket says nothing: a
					// missing configuration is not unencrypted
					// data. Only a delivery bucket is reported.
					continue
				}
				reportProp(pass, b.Resource, alg, sev,
					"bucket "+quote(b.Address)+" has no default encryption configuration, so it relies on S3's implicit SSE-S3"+why)
				continue
			}
			s, ok := alg.AsString()
			if !ok || !strings.EqualFold(s, "AES256") {
				continue
			}
			for _, ch := range b.DeliveryChannels {
				if ch.Key == nil && knownEmpty(ch.KMSKeyARN.V()) || ch.KMSKeyARN.IsUnknown() && ch.Key == nil {
					continue
				}
				reportProp(pass, b.Resource, alg, sev,
					"bucket "+quote(b.Address)+" encrypts by default with SSE-S3 (AES256) although its delivery channel "+quote(ch.Address)+" encrypts with a KMS key"+why)
				break
			}
		}
		return nil
	},
}
