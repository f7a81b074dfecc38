package rules

import (
	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
	"strconv"
)

// PolicyWildcardAction reports identity policies that allow every action
// of a service ("s3:*") or every action ("*") on some resources.
var PolicyWildcardAction = &analyzer.Rule{
	ID:        "CW307",
	Name:      "policy-wildcard-action",
	Title:     "Identity policy allows every action of a service",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "least-privilege"},
	Precision: "very-high",
	Doc:       doc("CW307"),
	Run:       runPolicyWildcardAction,
}

func runPolicyWildcardAction(pass *analyzer.Pass) error {
	for _, p := range pass.Unit.Policies {
		if p.Kind != model.IdentityPolicy || p.Unknown {
			continue
		}
		for _, s := range p.Statements {
			// CW306 reports "*" on "*"; Deny and NotAction are
			// other rules' (a wildcard Deny is good practice).
			if s.Unknown || !s.IsAllow() || policycheck.IsFullAdmin(s) {
				continue
			}
			for _, e := range s.Action {
				if !e.Known {
					continue
				}
				svc, ok := policycheck.WildcardAction(e.Text)
				if !ok {
					continue
				}
				what := "every " + svc + " action"
				if svc == "*" {
					what = "every action of every service"
				}
				loc := policycheck.Locate(p, s, "Action")
				pass.Report(analyzer.Finding{
					Range:        stmtElemRange(e, s.ActionRange, s.Range),
					Message:      identitySubject(p) + " allows " + what + " (" + quote(e.Text) + ") on " + resourceSummary(s),
					Resource:     loc.Resource,
					ResourceName: loc.ResourceName,
					Property:     loc.Property,
					CDKPath:      loc.CDKPath,
				})
			}
		}
	}
	return nil
}

// identitySubject names an identity policy for a message: `policy
// "aws_iam_policy.x"`, `policy of role "ConfigRole"`, `policy statement`.
func identitySubject(p *model.Policy) string {
	sub := policycheck.Subject(p)
	switch {
	case sub == "":
		return "policy statement"
	case (p.Owner != nil && isPolicyResource(p.Owner.Type)) || (p.Owner == nil && len(p.Name) > 7 && p.Name[:7] == "policy/"):
		return sub
	}
	return "policy of " + sub
}

// resourceSummary says which resources a statement applies to, for
// messages: `every resource`, `"arn:aws:s3:::logs/*"`, `2 resources`.
func resourceSummary(s *model.Statement) string {
	switch {
	case s.NotResource != nil:
		return "every resource but those in NotResource"
	case policycheck.AllResources(s):
		return "every resource"
	case len(s.Resource) == 1 && s.Resource[0].Known:
		return quote(s.Resource[0].Text)
	case len(s.Resource) == 1:
		return "its resource"
	}
	return strconv.Itoa(len(s.Resource)) + " resources"
}
