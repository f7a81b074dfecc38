package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW605.md
var docCW605 string

// ConfigEndpointPolicyFullAccess reports interface VPC endpoints for AWS
// Config that keep the default endpoint policy, which allows every
// principal every action.
var ConfigEndpointPolicyFullAccess = &analyzer.Rule{
	ID:        "CW605",
	Name:      "config-endpoint-policy-full-access",
	Title:     "AWS Config interface endpoint with a full-access policy",
	Severity:  analyzer.Low,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"network", "vpc-endpoint", "iam", "aws-config"},
	Precision: "high",
	Doc:       docCW605,
	Run: func(pass *analyzer.Pass) error {
		for _, ep := range pass.Unit.Entities.VPCEndpoints {
			if !configInterfaceEndpoint(ep) {
				continue
			}
			p := ep.Policy
			if p == nil {
				if !ep.PolicyDocument.Absent() {
					continue // written but not readable: unknown
				}
				reportProp(pass, ep.Resource, ep.PolicyDocument, analyzer.None,
					"AWS Config interface endpoint "+quote(ep.Address)+" has no endpoint policy, so the default policy gives every principal full access through it")
				continue
			}
			if p.Unknown {
				continue
			}
			for _, s := range p.Statements {
				if !fullAccessStatement(s) {
					continue
				}
				loc := policycheck.Locate(p, s, "Action")
				pass.Report(analyzer.Finding{
					Range:    s.Range,
					Message:  "endpoint policy of AWS Config interface endpoint " + quote(ep.Address) + " allows every principal every action on every resource without a condition",
					Resource: ep.Address, Property: loc.Property, CDKPath: ep.CDKPath,
				})
				break
			}
		}
		return nil
	},
}

// fullAccessStatement reports whether s allows everyone every action ("*"
// or "config:*") on every resource with no condition.
func fullAccessStatement(s *model.Statement) bool {
	if s.Unknown || !s.IsAllow() || s.NotPrincipal != nil || s.NotAction != nil || s.NotResource != nil || len(s.Conditions) > 0 {
		return false
	}
	if everyone(s) != policycheck.Yes {
		return false
	}
	all := false
	for _, a := range s.Action {
		if a.Known && (a.Text == "*" || a.Text == "*:*" || policycheck.MatchAction(a.Text, "config:*") && policycheck.MatchAction("config:*", a.Text)) {
			all = true
		}
	}
	if !all {
		return false
	}
	for _, r := range s.Resource {
		if r.Known && r.Text == "*" {
			return true
		}
	}
	return false
}
