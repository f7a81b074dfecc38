package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/configpath"
	"github.com/configward/configward/rules/internal/policycheck"
	"github.com/configward/configward/rules/internal/policyeval"
)

//go:embed docs/CW603.md
var docCW603 string

// DenyBlocksConfigDelivery reports Deny statements of an AWS Config
// delivery bucket's policy that refuse requests from outside an
// organization, a VPC or an IP range without exempting AWS services: AWS
// Config delivers from its own network, and as a service principal it
// belongs to no organization.
var DenyBlocksConfigDelivery = &analyzer.Rule{
	ID:        "CW603",
	Name:      "deny-blocks-config-delivery",
	Title:     "Bucket policy Deny blocks AWS Config delivery",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"s3", "network", "aws-config"},
	Precision: "high",
	Doc:       docCW603,
	Run: func(pass *analyzer.Pass) error {
		spn := spnDelivers(pass.Unit)
		for _, b := range pass.Unit.Entities.Buckets {
			ch := configpath.DeliveryBucket(b)
			if ch == nil {
				continue
			}
			for _, p := range b.Policies {
				if p.Unknown {
					continue
				}
				for _, s := range p.Statements {
					key, ok := blockingDeny(s, b, spn)
					if !ok {
						continue
					}
					what := "requests from outside the VPC or IP range it names"
					if key == "aws:principalorgid" || key == "aws:principalorgpaths" {
						if spn != policycheck.Yes {
							continue // a role of the organization delivers
						}
						what = "principals outside the organization, which the AWS Config service principal is"
					}
					loc := policycheck.Locate(p, s, "Condition")
					pass.Report(analyzer.Finding{
						Range:    s.ConditionRange,
						Message:  "bucket policy of " + quote(b.Address) + " denies " + what + " with no exemption for AWS services, which blocks AWS Config delivery (" + configpath.Because("delivery bucket", ch) + ")",
						Resource: loc.Resource, Property: loc.Property, CDKPath: loc.CDKPath,
					})
				}
			}
		}
		return nil
	},
}

// configCaller is AWS Config delivering as its service principal.
var configCaller = policyeval.Caller{Kind: policyeval.Service, ARN: awsfacts.ConfigPrincipal}

// blockingKeys are the condition keys whose negated test in a Deny refuses
// requests from outside an organization, a VPC or an IP range.
var blockingKeys = map[string]bool{
	"aws:principalorgid": true, "aws:principalorgpaths": true,
	"aws:sourcevpce": true, "aws:sourcevpc": true, "aws:sourceip": true, "aws:vpcsourceip": true,
}

var negatedTests = map[string]bool{
	"stringnotequals": true, "stringnotlike": true, "stringnotequalsignorecase": true,
	"notipaddress": true, "arnnotequals": true, "arnnotlike": true,
}

// blockingDeny reports whether s is a Deny, for everyone (or, when AWS
// Config delivers as its service principal, for that principal), of S3
// delivery actions on the bucket, conditioned only on a negated
// organization, VPC or IP test (the key it tests is returned). A condition
// that exempts service principals, any other condition, or unknown parts
// spare it. The core (policyeval) says whom and which actions it names.
func blockingDeny(s *model.Statement, b *model.Bucket, spn policycheck.Tri) (string, bool) {
	if s.Unknown || !s.IsDeny() || s.NotPrincipal != nil || s.NotAction != nil || s.NotResource != nil {
		return "", false
	}
	if everyone(s) != policycheck.Yes && (spn != policycheck.Yes || policyeval.PrincipalMatches(s, configCaller) != policyeval.Yes) {
		return "", false
	}
	if policyeval.ActionMatches(s, "s3:PutObject") != policyeval.Yes && policyeval.ActionMatches(s, "s3:GetBucketAcl") != policyeval.Yes {
		return "", false
	}
	if coversResource(s, b, "") == policycheck.No && coversResource(s, b, "/*") == policycheck.No {
		return "", false
	}
	key := ""
	for _, c := range s.Conditions {
		if c.Unknown || !blockingKeys[c.KeyFolded] || !negatedTests[c.Base] || c.SetOp == "forallvalues" {
			return "", false // an exemption, another narrowing test, or unknown
		}
		if key == "" {
			key = c.KeyFolded
		}
	}
	return key, key != ""
}

// spnDelivers says whether AWS Config delivers as its service principal in
// this unit: Yes when a recorder uses the service-linked role, No when
// every recorder uses a customer role, Unknown otherwise.
func spnDelivers(u *model.Unit) policycheck.Tri {
	if len(u.Entities.Recorders) == 0 {
		return policycheck.Unknown
	}
	res := policycheck.No
	for _, rec := range u.Entities.Recorders {
		switch {
		case rec.Role != nil && rec.Role.ServiceLinked:
			return policycheck.Yes
		case rec.Role != nil:
		default:
			s, ok := rec.RoleARN.AsString()
			if !ok && rec.RoleARN.IsUnknown() {
				s, ok = rec.RoleARN.Glob, true // the text around unknown parts
			}
			if ok && awsfacts.IsServiceLinkedRolePath(s) {
				return policycheck.Yes
			}
			res = policycheck.Unknown
		}
	}
	return res
}
