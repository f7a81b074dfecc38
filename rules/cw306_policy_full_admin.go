package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW306.md
var docCW306 string

// PolicyFullAdmin reports identity policies that allow every action on
// every resource: full administrator access.
var PolicyFullAdmin = &analyzer.Rule{
	ID:        "CW306",
	Name:      "policy-full-admin",
	Title:     "Identity policy allows every action on every resource",
	Severity:  analyzer.Critical,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "least-privilege"},
	Precision: "very-high",
	Doc:       docCW306,
	Run:       runPolicyFullAdmin,
}

func runPolicyFullAdmin(pass *analyzer.Pass) error {
	vs := unitViews(pass)
	for _, p := range pass.Unit.Policies {
		if p.Kind != model.IdentityPolicy || p.Unknown {
			continue
		}
		for _, s := range p.Statements {
			if !policycheck.IsFullAdmin(s) || vs.grantsNothing(p, s) || vs.of(p).ActionDenied(s, "*") {
				continue
			}
			subject := "policy statement"
			if sub := policycheck.Subject(p); sub != "" {
				subject = "policy of " + sub
			}
			if (p.Owner != nil && isPolicyResource(p.Owner.Type)) || (p.Owner == nil && strings.HasPrefix(p.Name, "policy/")) {
				subject = policycheck.Subject(p)
			}
			loc := policycheck.Locate(p, s, "Action")
			pass.Report(analyzer.Finding{
				Range:        adminActionRange(s),
				Message:      subject + " allows every action on every resource (Action \"*\", Resource \"*\"): full administrator access",
				Resource:     loc.Resource,
				ResourceName: loc.ResourceName,
				Property:     loc.Property,
				CDKPath:      loc.CDKPath,
			})
		}
	}
	return nil
}

// isPolicyResource reports whether the owner is itself a policy, so the
// message says `policy "X"` rather than `policy of policy "X"`.
func isPolicyResource(typ string) bool {
	switch policycheck.OwnerNoun(typ) {
	case "policy", "role policy", "user policy", "group policy", "policy document", "permission set policy":
		return true
	}
	return false
}

// adminActionRange points at the "*" action element, else the Action key,
// else the statement.
func adminActionRange(s *model.Statement) model.Range {
	for _, e := range s.Action {
		if e.Known && (e.Text == "*" || e.Text == "*:*") && !e.Range.IsZero() {
			return e.Range
		}
	}
	if !s.ActionRange.IsZero() {
		return s.ActionRange
	}
	return s.Range
}
