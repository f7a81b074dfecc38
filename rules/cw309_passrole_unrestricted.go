package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
	"github.com/configward/configward/rules/internal/policyeval"
)

//go:embed docs/CW309.md
var docCW309 string

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
	Doc:       docCW309,
	Run:       runPassRoleUnrestricted,
}

func runPassRoleUnrestricted(pass *analyzer.Pass) error {
	vs := unitViews(pass)
	for _, p := range pass.Unit.Policies {
		if p.Kind != model.IdentityPolicy || p.Unknown {
			continue
		}
		for _, s := range p.Statements {
			// Statements that allow everything ("*", NotAction) allow
			// iam:PassRole on every role too: they are reported here
			// as well as by CW306/CW308.
			if s.Unknown || vs.of(p).Grants(s, "iam:PassRole") != policyeval.Yes {
				continue
			}
			scope, ok := policycheck.PassRole(s)
			if !ok || !scope.AllRoles || scope.Restricted {
				continue
			}
			e := actionElemMatching(s, "iam:PassRole")
			how := "iam:PassRole"
			switch {
			case s.NotAction != nil:
				how = "iam:PassRole (through NotAction, which does not exclude it)"
			case e != nil && e.Text != "iam:PassRole":
				how = "iam:PassRole (through " + quote(e.Text) + ")"
			}
			loc := policycheck.Locate(p, s, "Action")
			if s.NotAction != nil {
				loc = policycheck.Locate(p, s, "NotAction")
			}
			pass.Report(analyzer.Finding{
				Range:        stmtElemRange(e, s.ActionRange, s.NotActionRange, s.Range),
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
