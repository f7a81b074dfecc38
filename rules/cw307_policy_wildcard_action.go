package rules

import (
	_ "embed"
	"strconv"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/policycheck"
	"github.com/configward/configward/rules/internal/policyeval"
)

//go:embed docs/CW307.md
var docCW307 string

// PolicyWildcardAction reports identity policies that allow every action
// of a service ("s3:*") or every action ("*") on some resources, and
// resource policies that grant them to principals other than the owning
// account.
var PolicyWildcardAction = &analyzer.Rule{
	ID:        "CW307",
	Name:      "policy-wildcard-action",
	Title:     "Policy allows every action of a service",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "least-privilege"},
	Precision: "very-high",
	Doc:       docCW307,
	Run:       runPolicyWildcardAction,
}

func runPolicyWildcardAction(pass *analyzer.Pass) error {
	vs := unitViews(pass)
	for _, p := range pass.Unit.Policies {
		if p.Unknown {
			continue
		}
		if p.Kind == model.ResourcePolicy {
			checkResourceWildcards(pass, vs, p)
			continue
		}
		if p.Kind != model.IdentityPolicy {
			continue
		}
		for _, s := range p.Statements {
			// CW306 reports "*" on "*"; Deny and NotAction are
			// other rules' (a wildcard Deny is good practice).
			if s.Unknown || !s.IsAllow() || policycheck.IsFullAdmin(s) || vs.grantsNothing(p, s) {
				continue
			}
			for _, e := range s.Action {
				if !e.Known || vs.denied(p, s, e) {
					continue
				}
				svc, ok := policycheck.WildcardAction(e.Text)
				if !ok || awsfacts.IsScopedServiceWildcard(svc) {
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

// checkResourceWildcards reports the Allow statements of a resource policy
// (bucket, queue, topic, key, ...) that grant a whole service or every
// action to principals other than the owning account. A grant to an
// account root in a key policy (or of kms:*) is AWS's default key policy,
// which delegates to that account's IAM policies, and is spared, as are
// principals whose value is unknown (usually the owning account).
func checkResourceWildcards(pass *analyzer.Pass, vs views, p *model.Policy) {
	keyPolicy := p.Owner != nil && policycheck.OwnerNoun(p.Owner.Type) == "key"
	for _, s := range p.Statements {
		if s.Unknown || !s.IsAllow() || vs.grantsNothing(p, s) {
			continue
		}
		for _, e := range s.Action {
			if !e.Known || vs.denied(p, s, e) {
				continue
			}
			svc, ok := policycheck.WildcardAction(e.Text)
			if !ok {
				continue
			}
			who := grantees(s, keyPolicy || svc == "kms")
			if who == "" {
				continue
			}
			what := "every " + svc + " action"
			if svc == "*" {
				what = "every action of every service"
			}
			loc := policycheck.Locate(p, s, "Action")
			pass.Report(analyzer.Finding{
				Range:        stmtElemRange(e, s.ActionRange, s.Range),
				Message:      statementSubject(p) + " grants " + what + " (" + quote(e.Text) + ") to " + who,
				Resource:     loc.Resource,
				ResourceName: loc.ResourceName,
				Property:     loc.Property,
				CDKPath:      loc.CDKPath,
			})
		}
	}
}

// grantees names the principals of a resource-policy statement that are
// not spared: "*" (everyone), other accounts, roles, users, services.
// It returns "" when every principal is spared or unknown.
func grantees(s *model.Statement, spareAccountRoots bool) string {
	if s.NotPrincipal != nil {
		return "every principal not listed in NotPrincipal"
	}
	var names []string
	for _, pr := range s.Principal {
		if pr.IsWildcard() {
			return "any principal (" + principalText(pr) + ")"
		}
		if pr.Value == nil || !pr.Value.Known || policyeval.HasVariable(pr.Value.Text) {
			continue
		}
		if _, isAccount := policyeval.AccountPrincipal(pr.Value.Text); isAccount && spareAccountRoots {
			continue
		}
		names = append(names, pr.Value.Text)
	}
	switch {
	case len(names) == 0:
		return ""
	case len(names) > 3:
		return strings.Join(names[:3], ", ") + " and " + strconv.Itoa(len(names)-3) + " more"
	}
	return strings.Join(names, ", ")
}
