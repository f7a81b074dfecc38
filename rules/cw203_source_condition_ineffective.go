package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW203.md
var docCW203 string

// SourceConditionIneffective reports aws:SourceAccount / aws:SourceArn
// conditions that do not work as written, in statements CW201 and CW202 do
// not already report as unscoped.
var SourceConditionIneffective = &analyzer.Rule{
	ID:        "CW203",
	Name:      "source-condition-ineffective",
	Title:     "Source condition that does not protect or never matches",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "confused-deputy", "aws-config"},
	Precision: "high",
	Doc:       docCW203,
	Run:       runSourceConditionIneffective,
}

func runSourceConditionIneffective(pass *analyzer.Pass) error {
	slr := serviceLinkedTrusts(pass.Unit)
	for _, p := range pass.Unit.Policies {
		if p.Unknown || (p.Kind != model.TrustPolicy && p.Kind != model.ResourcePolicy) {
			continue
		}
		scopes := policycheck.NewScopes(p)
		for _, s := range p.Statements {
			if s.Unknown || !s.IsAllow() || reportedUnscoped(p, s, slr, scopes) {
				continue
			}
			checkSourceConditions(pass, p, s, scopes)
		}
	}
	return nil
}

// checkSourceConditions reports, once per condition value, what makes the
// source-key conditions of an Allow statement ineffective.
func checkSourceConditions(pass *analyzer.Pass, p *model.Policy, s *model.Statement, scopes *policycheck.Scopes) {
	subject := statementSubject(p)
	spns := policycheck.ServicePrincipals(s)
	public := false
	for _, pr := range s.Principal {
		public = public || pr.IsWildcard()
	}
	// The Config-specific source ARN check applies when Config is the
	// statement's only principal.
	config := !public && len(spns) == len(s.Principal)
	for _, pr := range spns {
		config = config && awsfacts.IsConfigPrincipal(pr.Value.Text)
	}
	report := func(rng model.Range, c *model.Condition, sev analyzer.Severity, msg string) {
		loc := policycheck.Locate(p, s, "Condition")
		var fix *analyzer.Fix
		if loc.CDKPath == "" {
			fix = sourceConditionFix(pass.Unit, p, s, c, config)
		}
		pass.Report(analyzer.Finding{
			Range: rng, Severity: sev, Message: subject + ": " + msg,
			Resource: loc.Resource, ResourceName: loc.ResourceName,
			Property: loc.Property + "." + c.Operator + "." + c.Key, CDKPath: loc.CDKPath,
			Fix: fix,
		})
	}

	if len(spns) > 0 {
		// Scopes that are present but cannot protect: weak source-key
		// conditions and aws:PrincipalOrgID (CW201/CW202 report only
		// a missing scope).
		sc := scopes.Of(s, spns[0].Value.Text)
		tail := "; nothing else scopes the statement against the confused deputy"
		if sc.Scoped {
			tail = "; only the statement's other conditions scope it"
		}
		for _, w := range sc.Weak {
			report(w.Cond.KeyRange, w.Cond, analyzer.None, w.Reason+tail)
		}
		if c := sc.PrincipalOrgID; c != nil {
			report(c.KeyRange, c, analyzer.None, c.Key+" is never present when a service principal ("+spns[0].Value.Text+") calls, so the statement never applies to it and cannot scope it; use aws:SourceOrgID")
		}
	}
	if len(spns) > 0 || public {
		for _, prob := range policycheck.SourceProblems(s, config) {
			sev := analyzer.None
			if prob.Low {
				sev = analyzer.Low
			}
			report(prob.Range(), prob.Cond, sev, prob.Reason)
		}
	}
	for _, c := range policycheck.DeadSourceConditions(s) {
		report(c.KeyRange, c, analyzer.None, c.Key+" is set only when an AWS service makes the request, so this statement for account or role principals never applies")
	}
}
