package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW411.md
var docCW411 string

// ConformancePackBucketExposed reports conformance-pack delivery buckets
// whose policy allows everyone ("*") without narrowing the grant by both
// aws:PrincipalOrgID and aws:PrincipalArn, the organization pattern of the
// AWS Config conformance pack prerequisites.
var ConformancePackBucketExposed = &analyzer.Rule{
	ID:        "CW411",
	Name:      "conformance-pack-bucket-exposed",
	Title:     "Conformance pack bucket policy open beyond the pack role",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"aws-config", "s3", "public-access"},
	Precision: "high",
	Doc:       docCW411,
	Run:       runConformancePackBucketExposed,
}

func runConformancePackBucketExposed(pass *analyzer.Pass) error {
	vs := unitViews(pass)
	seen := map[*model.Bucket]bool{}
	for _, pack := range pass.Unit.Entities.ConformancePacks {
		b := pack.Bucket
		if b == nil || seen[b] {
			continue
		}
		seen[b] = true
		for _, p := range b.Policies {
			if p.Unknown {
				continue
			}
			for _, s := range p.Statements {
				// The core says whether the Allow grants anything once
				// the policy's own Denies are subtracted.
				if s.Unknown || !s.IsAllow() || vs.grantsNothing(p, s) {
					continue
				}
				var wild *model.Principal
				for _, pr := range s.Principal {
					if pr.IsWildcard() {
						wild = pr
					}
				}
				if wild == nil {
					continue
				}
				org, arn, unknown := narrowing(s)
				if unknown || (org && arn) {
					continue
				}
				var lacks []string
				if !org {
					lacks = append(lacks, "aws:PrincipalOrgID")
				}
				if !arn {
					lacks = append(lacks, "aws:PrincipalArn")
				}
				loc := policycheck.Locate(p, s, "Principal")
				pass.Report(analyzer.Finding{
					Range:    elemRange(wild.Value, wild.TypeRange, s.PrincipalRange, s.Range),
					Message:  "bucket " + quote(b.Address) + ", the delivery bucket of conformance pack " + quote(pack.Address) + ", allows every principal (\"*\") without an " + strings.Join(lacks, " or ") + " condition",
					Resource: loc.Resource,
					Property: loc.Property,
					CDKPath:  loc.CDKPath,
				})
			}
		}
	}
	return nil
}

// narrowing reports whether a statement limits its principals with a
// protecting aws:PrincipalOrgID and aws:PrincipalArn condition; unknown is
// set when a condition cannot be read.
func narrowing(s *model.Statement) (org, arn, unknown bool) {
	for _, c := range s.Conditions {
		if c.Unknown && c.KeyFolded == "" {
			unknown = true
			continue
		}
		if c.IfExists || c.SetOp == "forallvalues" || len(c.Values) == 0 {
			continue
		}
		wildcard := false
		for _, v := range c.Values {
			if v.Known && strings.Trim(strings.TrimPrefix(v.Text, "o-"), "*?") == "" {
				wildcard = true
			}
		}
		if wildcard {
			continue
		}
		switch c.KeyFolded {
		case "aws:principalorgid", "aws:principalorgpaths":
			if c.Base == "stringequals" || c.Base == "stringlike" {
				org = true
			}
		case "aws:principalarn":
			switch c.Base {
			case "arnlike", "arnequals", "stringlike", "stringequals":
				arn = true
			}
		}
	}
	return org, arn, unknown
}
