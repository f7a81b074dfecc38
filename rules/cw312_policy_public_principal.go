package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW312.md
var docCW312 string

// PolicyPublicPrincipal reports resource and trust policies that allow
// everyone ("*", {"AWS": "*"}, or NotPrincipal) without a condition that
// narrows the callers to known accounts, an organization or a network.
var PolicyPublicPrincipal = &analyzer.Rule{
	ID:        "CW312",
	Name:      "policy-public-principal",
	Title:     "Policy allows any principal without a restricting condition",
	Severity:  analyzer.Critical,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "public-access"},
	Precision: "high",
	Doc:       docCW312,
	Run:       runPolicyPublicPrincipal,
}

func runPolicyPublicPrincipal(pass *analyzer.Pass) error {
	for _, p := range pass.Unit.Policies {
		if p.Unknown || (p.Kind != model.ResourcePolicy && p.Kind != model.TrustPolicy) {
			continue
		}
		for _, s := range p.Statements {
			pr, notPrincipal := policycheck.PublicPrincipal(s)
			if pr == nil {
				continue
			}
			subject := statementSubject(p)
			msg := subject + " allows " + actionSummary(s) + " to any principal (" + principalText(pr) + ") without a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount or similar"
			if notPrincipal {
				msg = subject + " allows " + actionSummary(s) + " to every principal not listed in NotPrincipal, without a condition that narrows the callers"
			}
			if p.Kind == model.TrustPolicy {
				msg = subject + " lets any AWS principal (" + principalText(pr) + ") assume the role without a condition that narrows the callers"
				if notPrincipal {
					msg = subject + " lets every principal not listed in NotPrincipal assume the role"
				}
			}
			loc := policycheck.Locate(p, s, "Principal")
			pass.Report(analyzer.Finding{
				Range:        stmtElemRange(pr.Value, pr.TypeRange, s.PrincipalRange, s.Range),
				Message:      msg,
				Resource:     loc.Resource,
				ResourceName: loc.ResourceName,
				Property:     loc.Property,
				CDKPath:      loc.CDKPath,
			})
		}
	}
	for _, lp := range pass.Unit.Entities.LambdaPermissions {
		checkPublicLambdaPermission(pass, lp)
	}
	return nil
}

func principalText(pr *model.Principal) string {
	if pr.Type == "*" {
		return `"*"`
	}
	return `{"` + pr.Type + `": "*"}`
}

// actionSummary names what a statement grants for messages: `s3:GetObject`,
// `3 actions`, `every action`.
func actionSummary(s *model.Statement) string {
	switch {
	case s.NotAction != nil:
		return "every action but those in NotAction"
	case len(s.Action) == 1 && s.Action[0].Known:
		if s.Action[0].Text == "*" {
			return "every action"
		}
		return s.Action[0].Text
	}
	return strconvItoa(len(s.Action)) + " actions"
}

// checkPublicLambdaPermission reports a function permission for "*" with
// lambda:InvokeFunction and no SourceAccount, SourceArn or PrincipalOrgID.
// Function URL permissions (lambda:InvokeFunctionUrl) are public by design.
func checkPublicLambdaPermission(pass *analyzer.Pass, lp *model.LambdaPermission) {
	principal, ok := lp.Principal.AsString()
	if !ok || lp.Principal.Kind != model.String || principal != "*" {
		return
	}
	if action, ok := lp.Action.AsString(); !ok || lp.Action.Kind != model.String || !policycheck.MatchAction(action, "lambda:InvokeFunction") {
		return
	}
	for _, v := range []*model.Property{lp.SourceAccount, lp.SourceArn, lp.OrgID} {
		if v.IsNull() {
			continue
		}
		if s, known := v.AsString(); !known || (s != "" && s != "*") {
			return
		}
	}
	reportProp(pass, lp.Resource, lp.Principal, analyzer.None,
		"function permission "+quote(lp.Address)+" lets any principal (\"*\") invoke the Lambda function without "+
			lp.SourceAccount.Name+", "+lp.SourceArn.Name+" or "+lp.OrgID.Name)
}
