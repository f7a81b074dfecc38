package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

//go:embed docs/CW602.md
var docCW602 string

// BucketACLsEnabled reports AWS Config delivery buckets that keep S3 access
// control lists enabled: object ownership other than BucketOwnerEnforced.
var BucketACLsEnabled = &analyzer.Rule{
	ID:        "CW602",
	Name:      "bucket-acls-enabled",
	Title:     "AWS Config delivery bucket with ACLs enabled",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"s3", "acl", "aws-config"},
	Precision: "high",
	Doc:       docCW602,
	Run: func(pass *analyzer.Pass) error {
		for _, b := range pass.Unit.Entities.Buckets {
			ch := configpath.DeliveryBucket(b)
			if ch == nil {
				continue
			}
			why := " (" + configpath.Because("delivery bucket", ch) + ")"
			own := b.ObjectOwnership
			if own.IsUnknown() {
				continue
			}
			if s, ok := own.AsString(); ok && own.Kind == model.String {
				if s == "BucketOwnerEnforced" {
					continue
				}
				reportProp(pass, b.Resource, own, analyzer.None,
					"bucket "+quote(b.Address)+" keeps ACLs enabled (object ownership "+s+", not BucketOwnerEnforced)"+why)
				continue
			}
			if !own.Absent() {
				continue
			}
			// No ownership controls: S3 disables ACLs on new buckets by
			// default, unless the bucket sets an ACL that needs them.
			if !aclNeedsACLs(b.ACL.V()) {
				continue
			}
			reportProp(pass, b.Resource, b.ACL, analyzer.None,
				"bucket "+quote(b.Address)+" sets an ACL and no object ownership BucketOwnerEnforced, so ACLs stay enabled"+why)
		}
		return nil
	},
}

// aclNeedsACLs reports whether a bucket ACL setting is known to grant more
// than the bucket owner: a canned ACL other than private or
// bucket-owner-full-control, or a grant list.
func aclNeedsACLs(acl *model.Value) bool {
	if acl.IsNull() || acl.HasUnknown() {
		return false
	}
	if s, ok := acl.AsString(); ok && acl.Kind == model.String {
		switch strings.ToLower(strings.ReplaceAll(s, "-", "")) {
		case "", "private", "bucketownerfullcontrol":
			return false
		}
		return true
	}
	return acl.Kind == model.List && len(acl.Items) > 0 || acl.Kind == model.Object
}
