package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

// AWSManagedKeyOnDeliveryPath reports AWS managed KMS keys (alias/aws/s3,
// alias/aws/sns) used to encrypt what AWS Config delivers or notifies:
// their key policies cannot be changed to let the Config service principal
// or another account use them.
var AWSManagedKeyOnDeliveryPath = &analyzer.Rule{
	ID:        "CW103",
	Name:      "aws-managed-key-on-delivery-path",
	Title:     "AWS managed KMS key on the AWS Config delivery path",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"encryption", "kms", "aws-config"},
	Precision: "high",
	Doc:       doc("CW103"),
	Run: func(pass *analyzer.Pass) error {
		u := pass.Unit
		f := u.Format
		seen := map[*model.Resource]bool{}
		report := func(r *model.Resource, rng model.Range, prop, msg string) {
			if seen[r] {
				return
			}
			seen[r] = true
			reportOn(pass, r, rng, analyzer.None, prop, msg)
		}
		for _, ch := range u.Entities.DeliveryChannels {
			chProp := propName(f, "S3KmsKeyArn", "s3_kms_key_arn")
			if alias, ok := awsManagedAlias(u, ch.KMSKeyARN); ok {
				report(ch.Resource, ch.PropRange(chProp), chProp,
					"delivery channel "+quote(ch.Address)+" encrypts AWS Config deliveries with the AWS managed key "+alias+", whose key policy cannot grant the Config service principal or other accounts")
			}
			if t := ch.Topic; t != nil {
				tProp := propName(f, "KmsMasterKeyId", "kms_master_key_id")
				if alias, ok := awsManagedAlias(u, t.KMSKeyID); ok {
					report(t.Resource, t.PropRange(tProp), tProp,
						"SNS topic "+quote(t.Address)+" is encrypted with the AWS managed key "+alias+", whose key policy cannot grant the Config service principal or other accounts ("+configpath.Because("notification topic", ch)+")")
				}
			}
			// The bucket's default encryption applies to Config's
			// objects only when the channel names no key of its own.
			b := ch.Bucket
			if b == nil || !knownEmpty(ch.KMSKeyARN) {
				continue
			}
			alg, ok := b.SSEAlgorithm.AsString()
			if !ok || !strings.EqualFold(alg, "aws:kms") && !strings.EqualFold(alg, "aws:kms:dsse") {
				continue
			}
			bProp := propName(f, "BucketEncryption", "server_side_encryption_configuration")
			if knownEmpty(b.SSEKeyID) {
				report(b.Resource, keyRange(b.Encryption, b.SSEAlgorithm, b.DefRange), bProp,
					"bucket "+quote(b.Address)+" encrypts by default with "+alg+" and no key, that is the AWS managed key alias/aws/s3, whose key policy cannot grant the Config service principal or other accounts ("+configpath.Because("delivery bucket", ch)+")")
			} else if alias, ok := awsManagedAlias(u, b.SSEKeyID); ok {
				report(b.Resource, keyRange(b.Encryption, b.SSEKeyID, b.DefRange), bProp,
					"bucket "+quote(b.Address)+" encrypts by default with the AWS managed key "+alias+", whose key policy cannot grant the Config service principal or other accounts ("+configpath.Because("delivery bucket", ch)+")")
			}
		}
		return nil
	},
}

// awsManagedAlias reports whether v names an AWS managed key by its alias
// (alias/aws/s3, arn:aws:kms:...:alias/aws/sns), directly or through a
// reference to an alias or a data source that looks one up.
func awsManagedAlias(u *model.Unit, v *model.Value) (string, bool) {
	if v.IsUnknown() && v.Ref != nil {
		for _, al := range u.Entities.KeyAliases {
			if al.Address == v.Ref.Target {
				return awsManagedAlias(u, al.Name)
			}
		}
		return "", false
	}
	s, ok := v.AsString()
	if !ok || v.Kind != model.String {
		return "", false
	}
	if i := strings.Index(s, ":alias/"); i >= 0 && strings.HasPrefix(s, "arn:") {
		s = s[i+1:]
	}
	if strings.HasPrefix(s, "alias/aws/") {
		return s, true
	}
	return "", false
}
