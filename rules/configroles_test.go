package rules

import (
	"testing"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/awsfacts"
)

// TestEmbeddedManagedParsesOnlyWhatItReturns: embeddedManaged finds the
// policy a rule asks for among the role's embedded managed policies and
// asks for that document only; the others are never parsed.
func TestEmbeddedManagedParsesOnlyWhatItReturns(t *testing.T) {
	doc := func(arn string, wanted bool) model.EmbeddedPolicy {
		return model.EmbeddedPolicy{ARN: arn, Document: func() *model.Policy {
			if !wanted {
				t.Errorf("the document of %s was parsed", arn)
			}
			return &model.Policy{Name: arn}
		}}
	}
	role := &model.Role{ManagedPolicies: []model.EmbeddedPolicy{
		doc("arn:aws:iam::aws:policy/ReadOnlyAccess", false),
		doc("arn:aws:iam::aws:policy/service-role/AWS_ConfigRole", true),
		doc("arn:aws:iam::aws:policy/AmazonS3FullAccess", false),
	}}
	mp, _ := awsfacts.ParseManagedPolicyARN("arn:aws-us-gov:iam::aws:policy/service-role/AWS_ConfigRole")
	if p := embeddedManaged(role, mp); p == nil || p.Name != "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole" {
		t.Errorf("embeddedManaged(AWS_ConfigRole) = %v", p)
	}
	admin, _ := awsfacts.ParseManagedPolicyARN("arn:aws:iam::aws:policy/AdministratorAccess")
	if p := embeddedManaged(role, admin); p != nil {
		t.Errorf("embeddedManaged(AdministratorAccess), not attached, = %v", p.Name)
	}
}
