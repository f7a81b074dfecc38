package rules

import (
	_ "embed"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
	"github.com/configward/configward/rules/internal/policycheck"
)

//go:embed docs/CW301.md
var docCW301 string

// ConfigRoleOverbroad reports AWS Config roles (recorder, custom rule
// function, remediation, organization aggregator) that hold far more than
// they need: administrator access, service-wide wildcards, unrestricted
// iam:PassRole.
var ConfigRoleOverbroad = &analyzer.Rule{
	ID:        "CW301",
	Name:      "config-role-overbroad",
	Title:     "AWS Config role with overbroad permissions",
	Severity:  analyzer.High,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"iam", "least-privilege", "aws-config"},
	Precision: "high",
	Doc:       docCW301,
	Run:       runConfigRoleOverbroad,
}

func runConfigRoleOverbroad(pass *analyzer.Pass) error {
	vs := unitViews(pass)
	for _, cr := range configRoles(pass.Unit) {
		for _, at := range cr.Role.Attachments {
			mp, aws, known := attachmentPolicy(at)
			if !known || !aws {
				continue
			}
			var sev analyzer.Severity
			var why string
			switch b := awsfacts.ManagedBreadth[mp.Name]; {
			case b == awsfacts.AdminEquivalent:
				sev, why = analyzer.Critical, "administrator-equivalent access"
			case b == awsfacts.ServiceAdmin:
				sev, why = analyzer.High, "full control of a service it does not need"
			case b == awsfacts.ReadAll:
				sev, why = analyzer.Medium, "read access to every service's data, where AWS_ConfigRole is the purpose-built reader"
			case mp.Name == awsfacts.RulesExecutionPolicy && cr.Kind == recorderRole:
				sev, why = analyzer.High, "the custom rule function policy, whose config:Put* on every resource lets the recorder reconfigure AWS Config"
			default:
				continue
			}
			pass.Report(analyzer.Finding{
				Range:    crAttachmentRange(at, cr.Role),
				Severity: sev,
				Message:  roleSubject(cr) + " has AWS managed policy " + mp.Name + " attached: " + why,
				Resource: at.Via.Address,
				CDKPath:  at.Via.CDKPath,
				Property: at.Property,
			})
		}
		for _, p := range rolePolicies(cr.Role) {
			if p.Unknown {
				continue
			}
			for _, s := range p.Statements {
				b, ok := overbroadStatement(vs, p, s)
				if !ok {
					continue
				}
				loc := policycheck.Locate(p, s, b.Elem)
				msg := roleSubject(cr) + ": " + crPolicySubject(p) + " " + b.Reason
				if p.Owner == cr.Role.Resource {
					msg = roleSubject(cr) + " has a policy that " + b.Reason
				}
				pass.Report(analyzer.Finding{
					Range:        b.Range,
					Severity:     b.Severity,
					Message:      msg,
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

// crAttachmentRange is where an attachment is written, else the role header.
func crAttachmentRange(at *model.PolicyAttachment, r *model.Role) model.Range {
	if !at.Range.IsZero() {
		return at.Range
	}
	if at.Via != nil {
		return at.Via.DefRange
	}
	return r.DefRange
}
