package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/iamactions"
	"github.com/configward/configward/rules/internal/policycheck"
	"github.com/configward/configward/rules/internal/policyeval"
)

//go:embed docs/CW313.md
var docCW313 string

// ServicePrincipalExcessActions reports resource policies that grant the
// AWS Config service principal more than delivery and rule invocation
// need.
var ServicePrincipalExcessActions = &analyzer.Rule{
	ID:        "CW313",
	Name:      "service-principal-excess-actions",
	Title:     "AWS Config service principal granted more than it needs",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform, model.IAMPolicy},
	Tags:      []string{"iam", "least-privilege", "aws-config"},
	Precision: "high",
	Doc:       docCW313,
	Run:       runServicePrincipalExcessActions,
}

// configSPNActions are the actions AWS Config needs from resource policies
// (research §3.1 bucket, §3.3 key, §3.4 topic, §3.5 function).
var configSPNActions = []string{
	"s3:GetBucketAcl", "s3:ListBucket", "s3:PutObject",
	"kms:Decrypt", "kms:GenerateDataKey",
	"sns:Publish",
	"lambda:InvokeFunction",
}

func configSPNNeeds(action string) bool {
	for _, a := range configSPNActions {
		if strings.EqualFold(a, action) {
			return true
		}
	}
	return false
}

func runServicePrincipalExcessActions(pass *analyzer.Pass) error {
	vs := unitViews(pass)
	for _, p := range pass.Unit.Policies {
		if p.Kind != model.ResourcePolicy || p.Unknown {
			continue
		}
		for _, s := range p.Statements {
			// NotAction Allows are CW308's; an Allow that grants
			// nothing (NotResource "*", refused by the policy's own
			// Deny) grants nothing in excess.
			if s.Unknown || !s.IsAllow() || s.NotAction != nil || !grantsConfigSPN(s) || vs.grantsNothing(p, s) {
				continue
			}
			for _, e := range s.Action {
				if !e.Known || vs.denied(p, s, e) {
					continue
				}
				if extra := excessActions(vs.of(p), s, e.Text); len(extra) > 0 {
					what := quote(e.Text)
					if iamactions.IsPattern(e.Text) {
						what += ", which includes " + joinFirst(extra, 3) + ","
					}
					reportExcess(pass, p, s, stmtElemRange(e, s.ActionRange, s.Range), "Action",
						"grants the AWS Config service principal "+what+" beyond what AWS Config needs")
				}
			}
			checkConfigPutObjectResource(pass, vs.of(p), p, s)
		}
	}
	for _, lp := range pass.Unit.Entities.LambdaPermissions {
		name, ok := lp.Principal.AsString()
		if !ok || lp.Principal.Kind != model.String || !awsfacts.IsConfigPrincipal(name) {
			continue
		}
		action, ok := lp.Action.AsString()
		if !ok || lp.Action.Kind != model.String || policycheck.MatchAction("lambda:InvokeFunction", action) {
			continue
		}
		reportProp(pass, lp.Resource, lp.Action, analyzer.None,
			"function permission "+quote(lp.Address)+" grants the AWS Config service principal "+quote(action)+"; AWS Config needs only lambda:InvokeFunction")
	}
	return nil
}

func reportExcess(pass *analyzer.Pass, p *model.Policy, s *model.Statement, rng model.Range, elem, msg string) {
	loc := policycheck.Locate(p, s, elem)
	pass.Report(analyzer.Finding{
		Range:        rng,
		Message:      statementSubject(p) + " " + msg,
		Resource:     loc.Resource,
		ResourceName: loc.ResourceName,
		Property:     loc.Property,
		CDKPath:      loc.CDKPath,
	})
}

// grantsConfigSPN reports whether the statement names the Config service
// principal (exactly: service principals are case-sensitive).
func grantsConfigSPN(s *model.Statement) bool {
	for _, pr := range policycheck.ServicePrincipals(s) {
		if awsfacts.IsConfigPrincipal(pr.Value.Text) {
			return true
		}
	}
	return false
}

// excessActions returns the catalog actions an action element of Allow s
// still grants (the core subtracts the policy's own Denies) that the Config
// service principal does not need. An action the catalog does not know is
// CW314's, not this rule's.
func excessActions(v *policyeval.View, s *model.Statement, pattern string) []string {
	if strings.EqualFold(strings.TrimSpace(pattern), "kms:GenerateDataKey*") {
		return nil // the form the Amazon SNS encryption guide uses
	}
	var out []string
	iamactions.EachMatch(pattern, func(action string, _ iamactions.Level) bool {
		if !configSPNNeeds(action) && v.Grants(s, action) != policyeval.No {
			out = append(out, action)
		}
		return true
	})
	return out
}

// checkConfigPutObjectResource reports s3:PutObject granted to the Config
// service principal on objects outside AWSLogs/<account>/Config/.
func checkConfigPutObjectResource(pass *analyzer.Pass, v *policyeval.View, p *model.Policy, s *model.Statement) {
	if v.Grants(s, "s3:PutObject") != policyeval.Yes || s.NotResource != nil {
		return
	}
	for _, r := range s.Resource {
		if !r.Known || configObjectPath(r.Text) {
			continue
		}
		reportExcess(pass, p, s, stmtElemRange(r, s.ResourceRange, s.Range), "Resource",
			"lets the AWS Config service principal write objects in "+quote(r.Text)+"; it needs only <prefix>/AWSLogs/<account>/Config/*")
	}
}

// configObjectPath reports whether an S3 resource is limited to Config's
// delivery path: an object ARN whose key contains AWSLogs/<account or
// wildcard>/Config/. A value that is not an S3 object ARN (a policy
// variable, another service) is not judged.
func configObjectPath(res string) bool {
	res = strings.TrimSpace(res)
	if res == "*" {
		return false
	}
	rest, ok := strings.CutPrefix(res, "arn:")
	if !ok || policycheck.HasVariable(res) {
		return true
	}
	parts := strings.SplitN(rest, ":", 5)
	if len(parts) != 5 || parts[1] != "s3" {
		return true
	}
	_, key, hasKey := strings.Cut(parts[4], "/")
	if !hasKey {
		return true // a bucket ARN: PutObject does not apply to it
	}
	i := strings.Index(key, "AWSLogs/")
	if i < 0 {
		return false
	}
	_, after, ok := strings.Cut(key[i+len("AWSLogs/"):], "/")
	return ok && strings.HasPrefix(after, "Config/")
}
