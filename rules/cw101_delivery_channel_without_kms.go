package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

//go:embed docs/CW101.md
var docCW101 string

// DeliveryChannelWithoutKMS reports AWS Config delivery channels that leave
// the configuration history under S3's default encryption instead of a
// customer managed KMS key.
var DeliveryChannelWithoutKMS = &analyzer.Rule{
	ID:        "CW101",
	Name:      "delivery-channel-without-kms",
	Title:     "AWS Config delivery channel without a KMS key",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"encryption", "aws-config"},
	Precision: "very-high",
	Doc:       docCW101,
	Run: func(pass *analyzer.Pass) error {
		for _, ch := range pass.Unit.Entities.DeliveryChannels {
			key := ch.KMSKeyARN
			if key.IsUnknown() {
				continue // a reference or parameter: assume it names a key
			}
			if s, ok := key.AsString(); ok && s != "" {
				continue
			}
			pass.Report(withFix(propFinding(ch.Resource, key, analyzer.None,
				"delivery channel "+quote(ch.Address)+" does not set "+key.Name+": AWS Config history and snapshots are encrypted only with S3-managed keys, not a customer managed KMS key"),
				keyFix(pass.Unit, ch.Resource, key, "config.amazonaws.com", "Encrypt the delivery with the customer managed key of this set")))
		}
		return nil
	},
}
