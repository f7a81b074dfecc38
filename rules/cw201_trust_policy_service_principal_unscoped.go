package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW201.md
var docCW201 string

// TrustPolicyServicePrincipalUnscoped reports role trust policies that let
// an AWS service principal assume the role for any account's resources: the
// cross-service confused deputy.
var TrustPolicyServicePrincipalUnscoped = &analyzer.Rule{
	ID:        "CW201",
	Name:      "trust-policy-service-principal-unscoped",
	Title:     "Role trusts a service principal without source scoping",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "confused-deputy", "aws-config"},
	Precision: "high",
	Doc:       docCW201,
	Run:       runTrustPolicyServicePrincipalUnscoped,
}

func runTrustPolicyServicePrincipalUnscoped(pass *analyzer.Pass) error {
	slr := serviceLinkedTrusts(pass.Unit)
	for _, p := range pass.Unit.Policies {
		if !trustPolicyJudged(p, slr) {
			continue
		}
		scopes := policycheck.NewScopes(p)
		acct := &policyAccount{p: p}
		for _, s := range p.Statements {
			if !trustStatementJudged(s) {
				continue
			}
			for _, pr := range policycheck.ServicePrincipals(s) {
				name := pr.Value.Text
				sev, judged := trustPrincipalSeverity(name)
				if !judged {
					continue
				}
				sc := scopes.Of(s, name)
				if !sc.Missing() {
					continue // scoped, or CW203's: a scope that cannot protect
				}
				subject := "trust policy"
				if sub := policycheck.Subject(p); sub != "" {
					subject = "trust policy of " + sub
				}
				msg := subject + " lets service principal " + name + " assume it without " + scopingGap(sc)
				loc := policycheck.Locate(p, s, "Principal")
				pass.Report(analyzer.Finding{
					Range:        principalRange(p, s, pr),
					Severity:     sev,
					Message:      msg,
					Resource:     loc.Resource,
					ResourceName: loc.ResourceName,
					Property:     loc.Property,
					CDKPath:      loc.CDKPath,
					Fix:          scopeStatementFix(pass.Unit, acct, s, true, loc.CDKPath),
				})
			}
		}
	}
	return nil
}

// serviceLinkedTrusts returns the trust policies of service-linked roles
// declared in the unit: AWS owns them and they take no conditions.
func serviceLinkedTrusts(u *model.Unit) map[*model.Policy]bool {
	out := map[*model.Policy]bool{}
	for _, r := range u.Entities.Roles {
		if r.Trust == nil {
			continue
		}
		path, _ := r.Path.AsString()
		if r.ServiceLinked || awsfacts.IsServiceLinkedRolePath(path) {
			out[r.Trust] = true
		}
	}
	// A document of a service-linked role's resource itself.
	slr := map[*model.Resource]bool{}
	for _, r := range u.Entities.Roles {
		if r.ServiceLinked {
			slr[r.Resource] = true
		}
	}
	for _, p := range u.Policies {
		if p.Owner != nil && slr[p.Owner] {
			out[p] = true
		}
	}
	return out
}

// scopingGap says what the statement lacks, and why the source-key
// conditions it has do not count.
func scopingGap(sc policycheck.Scoping) string {
	var b strings.Builder
	if len(sc.Weak) > 0 {
		b.WriteString("an effective aws:SourceAccount or aws:SourceArn condition (")
		for i, w := range sc.Weak {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(w.Reason)
		}
		b.WriteString(")")
	} else {
		b.WriteString("an aws:SourceAccount or aws:SourceArn condition")
	}
	if c := sc.PrincipalOrgID; c != nil {
		b.WriteString("; " + c.Key + " does not apply to service principals")
	}
	return b.String()
}

// principalRange points at the principal's value, else at the Principal
// key, else at the statement.
func principalRange(p *model.Policy, s *model.Statement, pr *model.Principal) model.Range {
	for _, r := range []model.Range{pr.Value.Range, pr.TypeRange, s.PrincipalRange, s.Range, p.Range} {
		if !r.IsZero() {
			return r
		}
	}
	return model.Range{}
}
