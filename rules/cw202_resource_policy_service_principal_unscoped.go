package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/fixes"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW202.md
var docCW202 string

// ResourcePolicyServicePrincipalUnscoped reports resource policies (bucket,
// key, topic, queue, function permission, ...) that grant an AWS service
// principal access on behalf of any account: the cross-service confused
// deputy.
var ResourcePolicyServicePrincipalUnscoped = &analyzer.Rule{
	ID:        "CW202",
	Name:      "resource-policy-service-principal-unscoped",
	Title:     "Resource policy grants a service without source scoping",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "confused-deputy", "aws-config"},
	Precision: "high",
	Doc:       docCW202,
	Run:       runResourcePolicyServicePrincipalUnscoped,
}

func runResourcePolicyServicePrincipalUnscoped(pass *analyzer.Pass) error {
	for _, p := range pass.Unit.Policies {
		if p.Kind != model.ResourcePolicy || p.Unknown {
			continue
		}
		scopes := policycheck.NewScopes(p)
		acct := &policyAccount{p: p}
		for _, s := range p.Statements {
			if s.Unknown || !s.IsAllow() {
				continue
			}
			for _, pr := range policycheck.ServicePrincipals(s) {
				name := pr.Value.Text
				if !resourcePrincipalJudged(name) {
					continue
				}
				sc := scopes.Of(s, name)
				if !sc.Missing() {
					continue // scoped, or CW203's: a scope that cannot protect
				}
				subject := "resource policy"
				if sub := policycheck.Subject(p); sub != "" {
					subject = sub
				}
				loc := policycheck.Locate(p, s, "Principal")
				pass.Report(analyzer.Finding{
					Range:        principalRange(p, s, pr),
					Message:      subject + " grants service principal " + name + " access without " + scopingGap(sc),
					Resource:     loc.Resource,
					ResourceName: loc.ResourceName,
					Property:     loc.Property,
					CDKPath:      loc.CDKPath,
					Fix:          scopeStatementFix(pass.Unit, acct, s, false, loc.CDKPath),
				})
			}
		}
	}
	for _, lp := range pass.Unit.Entities.LambdaPermissions {
		checkLambdaPermission(pass, lp)
	}
	return nil
}

// checkLambdaPermission reports a function permission for a service
// principal with neither SourceAccount, SourceArn nor PrincipalOrgID. An
// unknown value counts as set.
func checkLambdaPermission(pass *analyzer.Pass, lp *model.LambdaPermission) {
	name, ok := lp.Principal.AsString()
	if !ok || lp.Principal.Kind != model.String || !awsfacts.IsServicePrincipal(name) || awsfacts.IsResourceExempt(name) {
		return
	}
	for _, v := range []*model.Property{lp.SourceAccount, lp.SourceArn, lp.OrgID} {
		if v.IsNull() {
			continue
		}
		s, known := v.AsString()
		if !known {
			return // unknown or a structure: assume it scopes
		}
		if s != "" && s != "*" {
			return
		}
	}
	pass.Report(withFix(propFinding(lp.Resource, lp.Principal, analyzer.None,
		"function permission "+quote(lp.Address)+" lets service principal "+name+" invoke the Lambda function without "+lp.SourceAccount.Name+" or "+lp.SourceArn.Name),
		sourceAccountFix(pass.Unit, lp, name)))
}

// sourceAccountFix scopes a function permission to the deploying account:
// the service then invokes the function only on behalf of this account.
// A permission already scoped in another way (an organization) is not
// reported, so the account is the one choice left. Only for a service
// documented to send the source account: for another one (a CloudFormation
// macro's cloudformation.amazonaws.com, apigateway) the condition could
// refuse every invocation that works today.
func sourceAccountFix(u *model.Unit, lp *model.LambdaPermission, principal string) *analyzer.Fix {
	if !awsfacts.IsResourceScopable(principal) {
		return nil
	}
	if !lp.SourceAccount.Absent() && !lp.SourceAccount.IsNull() {
		return nil // written empty or "*": which account was meant is the user's
	}
	account, declare, ok := fixes.ThisAccount(u, lp.Resource)
	if !ok {
		return nil
	}
	fix := fixes.Set(u, lp.Resource, "Allow only this account as the source", fixes.Setting{Prop: lp.SourceAccount, Value: account})
	if fix != nil && declare != nil {
		fix.Changes = append(fix.Changes, *declare)
	}
	return fix
}
