package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
	"github.com/configward/configward/rules/internal/fixes"
)

//go:embed docs/CW601.md
var docCW601 string

// BucketPublicAccessNotBlocked reports S3 buckets without all four Block
// Public Access settings on, unless an account-wide block in the scanned
// set turns all four on.
var BucketPublicAccessNotBlocked = &analyzer.Rule{
	ID:        "CW601",
	Name:      "bucket-public-access-not-blocked",
	Title:     "S3 bucket without a full public access block",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"s3", "public-access", "aws-config"},
	Precision: "high",
	Doc:       docCW601,
	Set:       &analyzer.SetCheck[publicAccessCheck]{Summarize: summarizePublicAccess, Judge: judgePublicAccess},
}

// blockGaps returns the settings of a block that are known not to be true,
// and whether any is unknown.
func blockGaps(ab *model.AccessBlock) (off []string, first *model.Property, unknown bool) {
	for _, v := range []*model.Property{ab.BlockPublicACLs, ab.IgnorePublicACLs, ab.BlockPublicPolicy, ab.RestrictPublicBuckets} {
		if v.IsUnknown() {
			unknown = true
			continue
		}
		if on, ok := v.AsBool(); ok && on {
			continue
		}
		if !v.Absent() {
			if _, ok := v.AsBool(); !ok && !knownEmpty(v) {
				unknown = true // not a boolean: not decided here
				continue
			}
		}
		off = append(off, v.Leaf())
		if first == nil && !v.Absent() {
			first = v
		}
	}
	return off, first, unknown
}

// publicAccessCheck is what CW601 keeps of a unit: whether an account-level
// block of it turns on all four settings, and otherwise a finding for each
// bucket not fully blocked, reported when no unit of the set blocks public
// access account-wide.
type publicAccessCheck struct {
	accountBlocked bool
	open           []analyzer.Finding
}

func summarizePublicAccess(pass *analyzer.Pass) (publicAccessCheck, error) {
	u := pass.Unit
	for _, ab := range u.Entities.AccountAccessBlocks {
		if off, _, _ := blockGaps(ab); len(off) == 0 {
			return publicAccessCheck{accountBlocked: true}, nil // the account blocks public access for every bucket
		}
	}
	var c publicAccessCheck
	for _, b := range u.Entities.Buckets {
		sev, why := analyzer.None, ""
		if ch := configpath.DeliveryBucket(b); ch != nil {
			sev, why = analyzer.High, " ("+configpath.Because("delivery bucket", ch)+")"
		}
		ab := b.AccessBlock
		if ab.Block.IsUnknown() {
			continue
		}
		if ab.Block.Absent() {
			// Since April 2023 S3 turns on all four settings for
			// every new bucket that says nothing (rules/docs/CW601.md).
			continue
		}
		off, first, unknown := blockGaps(ab)
		if unknown || len(off) == 0 {
			continue
		}
		at := ab.Block
		if first != nil {
			at = first
		}
		c.open = append(c.open, withFix(wholeFinding(b.Resource, at.At(), ab.Block.Path, sev, "bucket "+quote(b.Address)+" does not turn on "+strings.Join(off, ", ")+" of its public access block, and no account-level block in this set turns on all four settings"+why),
			accessBlockFix(u, b)))
	}
	return c, nil
}

func judgePublicAccess(pass *analyzer.SetPass, units []publicAccessCheck) error {
	for _, c := range units {
		if c.accountBlocked {
			return nil
		}
	}
	for i, c := range units {
		for _, f := range c.open {
			pass.Report(i, f)
		}
	}
	return nil
}

// accessBlockFix turns the four settings on: in the bucket's block, or
// (Terraform) its aws_s3_bucket_public_access_block, added when missing.
func accessBlockFix(u *model.Unit, b *model.Bucket) *analyzer.Fix {
	ab := b.AccessBlock
	var on []fixes.Setting
	for _, p := range []*model.Property{ab.BlockPublicACLs, ab.IgnorePublicACLs, ab.BlockPublicPolicy, ab.RestrictPublicBuckets} {
		on = append(on, fixes.Setting{Prop: p, Value: true})
	}
	return fixes.Set(u, b.Resource, "Block all public access to the bucket", on...)
}
