package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW302.md
var docCW302 string

// ConfigRoleTrustsMoreThanConfig reports recorder roles whose trust policy
// lets a principal other than the AWS Config service principal assume them.
var ConfigRoleTrustsMoreThanConfig = &analyzer.Rule{
	ID:        "CW302",
	Name:      "config-role-trusts-more-than-config",
	Title:     "AWS Config recorder role trusts other principals",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"iam", "least-privilege", "aws-config"},
	Precision: "high",
	Doc:       docCW302,
	Run:       runConfigRoleTrustsMoreThanConfig,
}

func runConfigRoleTrustsMoreThanConfig(pass *analyzer.Pass) error {
	for _, cr := range configRoles(pass.Unit) {
		if cr.Kind != recorderRole {
			continue
		}
		p := cr.Role.Trust
		if p == nil || p.Unknown {
			continue
		}
		for _, s := range p.Statements {
			if s.Unknown || !s.IsAllow() || policycheck.AllowsAssumeRole(s) != policycheck.Yes {
				continue
			}
			report := func(rng model.Range, sev analyzer.Severity, who string) {
				loc := policycheck.Locate(p, s, "Principal")
				pass.Report(analyzer.Finding{
					Range:    rng,
					Severity: sev,
					Message:  roleSubject(cr) + " trusts " + who + " besides " + awsfacts.ConfigPrincipal,
					Resource: loc.Resource,
					Property: loc.Property,
					CDKPath:  loc.CDKPath,
				})
			}
			if s.NotPrincipal != nil {
				report(elemRange(nil, s.PrincipalRange, s.Range), analyzer.Critical, "every principal not listed in NotPrincipal")
				continue
			}
			for _, pr := range s.Principal {
				if pr.Value == nil || !pr.Value.Known {
					continue // unknown: may be the Config principal
				}
				rng := elemRange(pr.Value, pr.TypeRange, s.PrincipalRange, s.Range)
				switch {
				case pr.IsWildcard():
					report(rng, analyzer.Critical, "every AWS principal (\"*\")")
				case pr.IsService() && awsfacts.IsConfigPrincipal(pr.Value.Text):
				case pr.IsService():
					report(rng, analyzer.High, "service principal "+pr.Value.Text)
				default:
					report(rng, analyzer.High, principalTypeNoun(pr.Type)+" principal "+pr.Value.Text)
				}
			}
		}
	}
	return nil
}

// principalTypeNoun spells a principal type for messages.
func principalTypeNoun(t string) string {
	switch strings.ToLower(t) {
	case "aws":
		return "AWS"
	case "federated":
		return "federated"
	case "canonicaluser":
		return "canonical user"
	}
	return t
}
