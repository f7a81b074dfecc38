package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

// PassRoleUnrestricted reports identity policies that allow iam:PassRole on
// every role without saying to which service the role may be passed.
var PassRoleUnrestricted = &analyzer.Rule{
	ID:        "CW309",
	Name:      "passrole-unrestricted",
	Title:     "iam:PassRole on every role without iam:PassedToService",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "least-privilege", "privilege-escalation"},
	Precision: "high",
	Doc:       doc("CW309"),
	Run:       runPassRoleUnrestricted,
}

func runPassRoleUnrestricted(pass *analyzer.Pass) error {
	for _, p := range pass.Unit.Policies {
		if p.Kind != model.IdentityPolicy || p.Unknown {
			continue
		}
		for _, s := range p.Statements {
			// Full admin is CW306's, NotAction CW308's.
			if s.Unknown || s.NotAction != nil || policycheck.IsFullAdmin(s) {
				continue
			}
			scope, ok := policycheck.PassRole(s)
			if !ok || !scope.AllRoles || scope.Restricted {
				continue
			}
			e := actionElemMatching(s, "iam:PassRole")
			how := "iam:PassRole"
			if e != nil && e.Text != "iam:PassRole" {
				how = "iam:PassRole (through " + quote(e.Text) + ")"
			}
			loc := policycheck.Locate(p, s, "Action")
			pass.Report(analyzer.Finding{
				Range:        stmtElemRange(e, s.ActionRange, s.Range),
				Message:      identitySubject(p) + " allows " + how + " on every role without an iam:PassedToService condition: it can hand any role to any service",
				Resource:     loc.Resource,
				ResourceName: loc.ResourceName,
				Property:     loc.Property,
				CDKPath:      loc.CDKPath,
			})
		}
	}
	return nil
}

// actionElemMatching returns the first known Action element of s that
// matches action (directly or through a wildcard).
func actionElemMatching(s *model.Statement, action string) *model.Elem {
	for _, e := range s.Action {
		if e.Known && policycheck.MatchAction(e.Text, action) {
			return e
		}
	}
	return nil
}
