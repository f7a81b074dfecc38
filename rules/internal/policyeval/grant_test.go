package policyeval_test

import (
	"testing"

	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policyeval"
)

// What an Allow still grants once the Denies of its policy are subtracted.
func TestGrants(t *testing.T) {
	tests := []struct {
		name    string
		stmts   []obj
		action  string
		nothing bool
		grants  policyeval.Tri
	}{
		{"notresource star", []obj{{"Effect": "Allow", "Action": "*", "NotResource": "*"}}, "iam:PassRole", true, policyeval.No},
		{"notaction star", []obj{{"Effect": "Allow", "NotAction": "*", "Resource": "*"}}, "s3:GetObject", true, policyeval.No},
		{"plain", []obj{{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}, "s3:GetObject", false, policyeval.Yes},
		{"denied same scope", []obj{{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}, {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}}, "s3:GetObject", true, policyeval.No},
		{"denied by pattern", []obj{{"Effect": "Allow", "Action": "iam:Pass*", "Resource": "*"}, {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}}, "iam:PassRole", true, policyeval.No},
		{"deny narrower resource", []obj{{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}}, "s3:GetObject", false, policyeval.Yes},
		{"conditional deny", []obj{{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": obj{"Bool": obj{"aws:SecureTransport": "false"}}}}, "s3:GetObject", false, policyeval.Yes},
		{"deny other actions", []obj{{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}, {"Effect": "Deny", "Action": "sqs:Delete*", "Resource": "*"}}, "sqs:SendMessage", false, policyeval.Yes},
		{"deny notaction", []obj{{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*"}}, "iam:PassRole", false, policyeval.No},
	}
	for _, tt := range tests {
		p := toPolicy(t, doc(tt.stmts...), model.IdentityPolicy)
		v := policyeval.NewView(p)
		s := p.Statements[0]
		if got, _ := v.GrantsNothing(s); got != tt.nothing {
			t.Errorf("%s: GrantsNothing = %v, want %v", tt.name, got, tt.nothing)
		}
		if got := v.Grants(s, tt.action); got != tt.grants {
			t.Errorf("%s: Grants(%s) = %v, want %v", tt.name, tt.action, got, tt.grants)
		}
	}
}

// Which keys a caller's request carries.
func TestCallerKeys(t *testing.T) {
	if policyeval.ServiceCarries("aws:PrincipalOrgID") != policyeval.No {
		t.Error("a service principal never carries aws:PrincipalOrgID")
	}
	if policyeval.ServiceCarries("aws:PrincipalIsAWSService") != policyeval.Yes {
		t.Error("every request carries aws:PrincipalIsAWSService")
	}
	if policyeval.IdentityCarries("aws:SourceAccount") != policyeval.No {
		t.Error("an account, user or role never carries aws:SourceAccount")
	}
	if !policyeval.OnlyServices("bool", "", false, "aws:PrincipalIsAWSService", []string{"true"}) {
		t.Error("Bool aws:PrincipalIsAWSService true admits only services")
	}
	if policyeval.OnlyServices("bool", "", true, "aws:PrincipalIsAWSService", []string{"true"}) || policyeval.OnlyServices("bool", "", false, "aws:PrincipalIsAWSService", []string{"false"}) {
		t.Error("IfExists or false does not limit to services")
	}
}
