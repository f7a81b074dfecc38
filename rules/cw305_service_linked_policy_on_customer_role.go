package rules

import (
	_ "embed"
	"strings"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
)

//go:embed docs/CW305.md
var docCW305 string

// ServiceLinkedPolicyOnCustomerRole reports service-linked role policies
// (path aws-service-role/) attached to customer roles, and hand-made roles
// named like AWS Config's service-linked role.
var ServiceLinkedPolicyOnCustomerRole = &analyzer.Rule{
	ID:        "CW305",
	Name:      "service-linked-policy-on-customer-role",
	Title:     "Service-linked role policy or name on a customer role",
	Severity:  analyzer.Medium,
	Formats:   []model.Format{model.CloudFormation, model.Terraform},
	Tags:      []string{"iam", "aws-config"},
	Precision: "very-high",
	Doc:       docCW305,
	Run:       runServiceLinkedPolicyOnCustomerRole,
}

func runServiceLinkedPolicyOnCustomerRole(pass *analyzer.Pass) error {
	for _, role := range pass.Unit.Entities.Roles {
		if isServiceLinked(role) {
			continue
		}
		subject := "role " + quote(role.Address)
		if name, ok := role.Name.AsString(); ok && strings.EqualFold(name, awsfacts.ConfigServiceLinkedRoleName) {
			reportProp(pass, role.Resource, role.Name, analyzer.None,
				subject+" is a customer role named "+name+", like AWS Config's service-linked role; declare the service-linked role instead")
		}
		for _, at := range role.Attachments {
			mp, aws, known := attachmentPolicy(at)
			if !known || !aws || !mp.IsServiceRolePolicy() {
				continue
			}
			pass.Report(analyzer.Finding{
				Range:    crAttachmentRange(at, role),
				Message:  subject + " has " + mp.Name + " attached, a policy only service-linked roles may use",
				Resource: at.Via.Address,
				CDKPath:  at.Via.CDKPath,
				Property: at.Property,
			})
		}
	}
	return nil
}
