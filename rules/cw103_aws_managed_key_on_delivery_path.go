package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

//go:embed docs/CW103.md
var docCW103 string

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
	Doc:       docCW103,
	Run: func(pass *analyzer.Pass) error {
		u := pass.Unit
		seen := map[*model.Resource]bool{}
		report := func(r *model.Resource, p *model.Property, msg string) {
			if seen[r] {
				return
			}
			seen[r] = true
			reportProp(pass, r, p, analyzer.None, msg)
		}
		for _, ch := range u.Entities.DeliveryChannels {
			if alias, ok := awsManagedAlias(u, ch.KMSKeyARN.V()); ok {
				report(ch.Resource, ch.KMSKeyARN,
					"delivery channel "+quote(ch.Address)+" encrypts AWS Config deliveries with the AWS managed key "+alias+", whose key policy cannot grant the Config service principal or other accounts")
			}
			if t := ch.Topic; t != nil {
				if alias, ok := awsManagedAlias(u, t.KMSKeyID.V()); ok {
					report(t.Resource, t.KMSKeyID,
						"SNS topic "+quote(t.Address)+" is encrypted with the AWS managed key "+alias+", whose key policy cannot grant the Config service principal or other accounts ("+configpath.Because("notification topic", ch)+")")
				}
			}
			// The bucket's default encryption applies to Config's
			// objects only when the channel names no key of its own.
			b := ch.Bucket
			if b == nil || !knownEmpty(ch.KMSKeyARN.V()) {
				continue
			}
			alg, ok := b.SSEAlgorithm.AsString()
			if !ok || !strings.EqualFold(alg, "aws:kms") && !strings.EqualFold(alg, "aws:kms:dsse") {
				continue
			}
			if knownEmpty(b.SSEKeyID.V()) {
				report(b.Resource, b.SSEAlgorithm,
					"bucket "+quote(b.Address)+" encrypts by default with "+alg+" and no key, that is the AWS managed key alias/aws/s3, whose key policy cannot grant the Config service principal or other accounts ("+configpath.Because("delivery bucket", ch)+")")
			} else if alias, ok := awsManagedAlias(u, b.SSEKeyID.V()); ok {
				report(b.Resource, b.SSEKeyID,
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
	if v.IsUnknown() && v.Glob != "" {
		// A partly known value: !Sub arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/s3
		// names the AWS managed key whatever its unknown parts are.
		if i := strings.Index(v.Glob, ":alias/aws/"); i >= 0 && strings.HasPrefix(v.Glob, "arn:") && !strings.ContainsAny(v.Glob[i:], "*?") {
			return v.Glob[i+1:], true
		}
		if strings.HasPrefix(v.Glob, "alias/aws/") && !strings.ContainsAny(v.Glob, "*?") {
			return v.Glob, true
		}
	}
	if v.IsUnknown() && v.Ref != nil {
		for _, al := range u.Entities.KeyAliases {
			if al.Address == v.Ref.Target {
				return awsManagedAlias(u, al.Name.V())
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
