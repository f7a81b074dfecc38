package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/fixes"
	"github.com/configward/configward/rules/internal/policycheck"
	"github.com/configward/configward/rules/internal/policyeval"
)

//go:embed docs/CW106.md
var docCW106 string

// BucketAllowsInsecureTransport reports S3 buckets whose bucket policy does
// not deny requests made over plain HTTP.
var BucketAllowsInsecureTransport = &analyzer.Rule{
	ID:        "CW106",
	Name:      "bucket-allows-insecure-transport",
	Title:     "S3 bucket policy does not deny plain HTTP requests",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"encryption", "s3", "tls", "aws-config"},
	Precision: "high",
	Doc:       docCW106,
	Run: func(pass *analyzer.Pass) error {
		u := pass.Unit
		for _, b := range u.Entities.Buckets {
			_, why := deliveryBucket(b, analyzer.None)
			if len(b.Policies) == 0 {
				if len(u.Entities.UnlinkedBucketPolicies) > 0 {
					continue // one of them may be this bucket's
				}
				// No policy at all: low, unless on a delivery path
				// (see the rule's doc).
				sev := analyzer.Low
				if why != "" {
					sev = analyzer.None
				}
				// A new policy on a delivery bucket would also have to
				// grant AWS Config's delivery (CW405): left to the user.
				var fix *analyzer.Fix
				if st, ok := tlsDenyStatement(u, b); ok && len(b.DeliveryChannels) == 0 {
					fix = fixes.NewBucketPolicy(u, b.Resource, "Add a bucket policy that denies requests over plain HTTP", st)
				}
				pass.Report(withFix(wholeFinding(b.Resource, b.DefRange, "policy", sev,
					"bucket "+quote(b.Address)+" has no bucket policy, so nothing denies requests over plain HTTP (aws:SecureTransport false)"+why), fix))
				continue
			}
			if tlsEnforced(b) != policycheck.No {
				continue
			}
			holder, pol := b.PolicyResources[0], b.Policies[0]
			var fix *analyzer.Fix
			// An instance's ARN reads only in a block with as many
			// instances: an existing policy is left alone.
			if st, ok := tlsDenyStatement(u, b); ok && !fixes.Instanced(b.Resource) {
				fix = fixes.AddStatement(u, pol, "Deny requests over plain HTTP", st)
			}
			pass.Report(withFix(wholeFinding(holder, pol.At(), "policy", analyzer.None,
				"bucket policy of "+quote(b.Address)+" has no Deny for every principal on the bucket and its objects when aws:SecureTransport is false"+why), fix))
		}
		return nil
	},
}

// tlsEnforced reports whether a policy of b denies every principal every S3
// action on the bucket and its objects over plain HTTP: Yes, No, or
// Unknown when unknown parts leave it open.
func tlsEnforced(b *model.Bucket) policycheck.Tri {
	res := policycheck.No
	for _, p := range b.Policies {
		if p.Unknown {
			res = policycheck.Unknown
			continue
		}
		for _, s := range p.Statements {
			switch tlsDeny(s, b) {
			case policycheck.Yes:
				return policycheck.Yes
			case policycheck.Unknown:
				res = policycheck.Unknown
			}
		}
	}
	return res
}

// and3 combines three-valued answers: No wins, then Unknown.
func and3(ts ...policycheck.Tri) policycheck.Tri {
	res := policycheck.Yes
	for _, t := range ts {
		switch t {
		case policycheck.No:
			return policycheck.No
		case policycheck.Unknown:
			res = policycheck.Unknown
		}
	}
	return res
}

func tlsDeny(s *model.Statement, b *model.Bucket) policycheck.Tri {
	if s.Unknown || !s.EffectKnown {
		return policycheck.Unknown
	}
	if !s.IsDeny() || s.NotPrincipal != nil || s.NotAction != nil || s.NotResource != nil {
		return policycheck.No
	}
	return and3(everyone(s), everyS3Action(s), transportCondition(s),
		coversResource(s, b, ""), coversResource(s, b, "/*"))
}

// everyone reports whether the Principal element names every caller: only
// "*" (or {"AWS": "*"}) names an anonymous caller, so the core's answer for
// one is the answer for all.
func everyone(s *model.Statement) policycheck.Tri {
	if s.Principal == nil {
		return policycheck.No
	}
	return checkTri(policyeval.PrincipalMatches(s, policyeval.Caller{Kind: policyeval.Anonymous}))
}

// everyS3Action reports whether the Action element covers every S3 action
// ("s3:*", "*"), as the core matches actions.
func everyS3Action(s *model.Statement) policycheck.Tri {
	if s.Action == nil {
		return policycheck.No
	}
	return checkTri(policyeval.ActionMatches(s, "s3:*"))
}

// transportCondition: the statement's conditions are a test that the
// request did not use TLS (Bool/BoolIfExists aws:SecureTransport false) or
// used a TLS version below a floor (NumericLessThan s3:TlsVersion), and
// nothing else narrows the Deny.
func transportCondition(s *model.Statement) policycheck.Tri {
	found, res := false, policycheck.Yes
	for _, c := range s.Conditions {
		switch {
		case c.Unknown && c.KeyFolded == "":
			res = policycheck.Unknown
		case c.KeyFolded == "aws:securetransport" && c.Base == "bool" && c.SetOp == "":
			if allFalse(c) {
				found = true
			} else if c.Unknown || anyUnknownElem(c.Values) {
				res = policycheck.Unknown
			} else {
				return policycheck.No
			}
		case c.KeyFolded == "s3:tlsversion" && c.Base == "numericlessthan" && c.SetOp == "":
			found = true
		default:
			if c.Unknown {
				res = policycheck.Unknown
				continue
			}
			return policycheck.No // narrows the Deny to some requests
		}
	}
	if !found && res == policycheck.Yes {
		return policycheck.No
	}
	return res
}

func allFalse(c *model.Condition) bool {
	if len(c.Values) == 0 {
		return false
	}
	for _, v := range c.Values {
		if !v.Known || !strings.EqualFold(strings.TrimSpace(v.Text), "false") {
			return false
		}
	}
	return true
}

func anyUnknownElem(es []*model.Elem) bool {
	for _, e := range es {
		if !e.Known {
			return true
		}
	}
	return false
}

// coversResource reports whether the statement's Resource covers the bucket
// ARN (suffix "") or every object of it (suffix "/*").
func coversResource(s *model.Statement, b *model.Bucket, suffix string) policycheck.Tri {
	name, nameKnown := b.Name.AsString()
	nameKnown = nameKnown && b.Name.Kind == model.String && name != ""
	res := policycheck.No
	for _, e := range s.Resource {
		if !e.Known {
			// A reference to a resource attribute stands for exactly
			// that attribute (parsers set Ref only then): the bucket's
			// ARN covers the bucket, never its objects. A parameter or
			// variable may hold anything.
			switch {
			case e.Ref == nil || e.Ref.Attr == "":
				res = policycheck.Unknown
			case suffix == "" && isBucketARNRef(e.Ref, b):
				return policycheck.Yes
			}
			continue
		}
		t := strings.TrimSpace(e.Text)
		if t == "*" {
			return policycheck.Yes
		}
		rest, ok := s3Resource(t)
		if !ok {
			continue
		}
		if !nameKnown {
			if policycheck.Glob(rest, "*"+suffix) {
				return policycheck.Yes
			}
			res = policycheck.Unknown
			continue
		}
		if policycheck.Glob(rest, name+suffix) {
			return policycheck.Yes
		}
	}
	return res
}

// tlsDenyStatement is the statement CW106 asks for, on bucket b: ok is
// false when the bucket's ARN cannot be written (an instance of several).
func tlsDenyStatement(u *model.Unit, b *model.Bucket) (fixes.Statement, bool) {
	arn, ok1 := fixes.ARN(u, b.Resource, "")
	objects, ok2 := fixes.ARN(u, b.Resource, "/*")
	return fixes.Statement{
		Sid:        "DenyInsecureTransport",
		Effect:     "Deny",
		Everyone:   true,
		Actions:    []string{"s3:*"},
		Resources:  []analyzer.FixValue{arn, objects},
		Conditions: []fixes.Condition{{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"false"}}},
	}, ok1 && ok2
}
