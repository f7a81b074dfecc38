package rules

import (
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/configpath"
)

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
	Doc:       doc("CW601"),
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

// accessBlockSettings are the four settings, as CloudFormation and
// Terraform name them.
var accessBlockSettings = [4][2]string{
	{"BlockPublicAcls", "block_public_acls"},
	{"IgnorePublicAcls", "ignore_public_acls"},
	{"BlockPublicPolicy", "block_public_policy"},
	{"RestrictPublicBuckets", "restrict_public_buckets"},
}

// accessBlockFix turns all four settings on: the block added in the
// template, or (Terraform) an aws_s3_bucket_public_access_block resource;
// in a block that exists, each setting that is not true set.
func accessBlockFix(u *model.Unit, b *model.Bucket) *analyzer.Fix {
	const desc = "Block all public access to the bucket"
	ab := b.AccessBlock
	tf := u.Format == model.Terraform
	if ab.Block.Absent() {
		if tf {
			body := ""
			for _, s := range accessBlockSettings {
				body += "  " + s[1] + " = true\n"
			}
			return addBlockFix(desc, u, b.Resource, "aws_s3_bucket_public_access_block", "bucket", "id", body)
		}
		var all analyzer.FixObject
		for _, s := range accessBlockSettings {
			all = append(all, analyzer.FixMember{Key: s[0], Value: true})
		}
		return setFix(desc, b.Resource, ab.Block, all)
	}
	fix := &analyzer.Fix{Description: desc}
	for i, p := range []*model.Property{ab.BlockPublicACLs, ab.IgnorePublicACLs, ab.BlockPublicPolicy, ab.RestrictPublicBuckets} {
		if on, ok := p.AsBool(); ok && on {
			continue
		}
		var one *analyzer.Fix
		if tf && p.Absent() && ab.Block.Holder != nil && ab.Block.Holder.Type == "aws_s3_bucket_public_access_block" {
			// A setting missing from the separate resource.
			h := ab.Block.Holder
			if !strings.Contains(h.Address, "[") && !h.DefRange.IsZero() {
				one = &analyzer.Fix{Changes: []analyzer.Change{{Anchor: h.DefRange, Path: []string{accessBlockSettings[i][1]}, Value: true}}}
			}
		} else {
			one = setFix(desc, b.Resource, p, true)
		}
		if one == nil {
			return nil
		}
		fix.Changes = append(fix.Changes, one.Changes...)
	}
	return fix
}
