package awsfacts_test

import (
	"testing"

	"github.com/configward/configward/rules/internal/awsfacts"
)

// Edge case 20: service-linked roles are recognized by their path.
func TestServiceLinkedRolePath(t *testing.T) {
	for _, s := range []string{"/aws-service-role/config.amazonaws.com/", "role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig", "arn:aws:iam::1:role/aws-service-role/x/y"} {
		if !awsfacts.IsServiceLinkedRolePath(s) {
			t.Errorf("%q not recognized as a service-linked role", s)
		}
	}
	for _, s := range []string{"/", "/service-role/", "role/ConfigRole"} {
		if awsfacts.IsServiceLinkedRolePath(s) {
			t.Errorf("%q taken for a service-linked role", s)
		}
	}
}

func TestAwsFacts(t *testing.T) {
	tests := []struct {
		p                       string
		service, config, exempt bool
		normalized              string
	}{
		{"config.amazonaws.com", true, true, false, "config.amazonaws.com"},
		// Edge case 2: service principals are case-sensitive.
		{"Config.AmazonAWS.com", false, false, false, "Config.AmazonAWS.com"},
		{"config.amazonaws.com.cn", true, true, false, "config.amazonaws.com"},
		{"states.us-east-1.amazonaws.com", true, false, false, "states.amazonaws.com"},
		{"ec2.amazonaws.com", true, false, true, "ec2.amazonaws.com"},
		{"lambda.amazonaws.com", true, false, true, "lambda.amazonaws.com"},
		{"ecs-tasks.amazonaws.com", true, false, true, "ecs-tasks.amazonaws.com"},
		{"arn:aws:iam::1:root", false, false, false, "arn:aws:iam::1:root"},
		{"*", false, false, false, "*"},
	}
	for _, tt := range tests {
		if got := awsfacts.IsServicePrincipal(tt.p); got != tt.service {
			t.Errorf("IsServicePrincipal(%q) = %v", tt.p, got)
		}
		if got := awsfacts.IsConfigPrincipal(tt.p); got != tt.config {
			t.Errorf("IsConfigPrincipal(%q) = %v", tt.p, got)
		}
		if got := awsfacts.IsTrustExempt(tt.p); got != tt.exempt {
			t.Errorf("IsTrustExempt(%q) = %v", tt.p, got)
		}
		if got := awsfacts.NormalizePrincipal(tt.p); got != tt.normalized {
			t.Errorf("NormalizePrincipal(%q) = %q", tt.p, got)
		}
	}
	for _, list := range [][]awsfacts.Fact{awsfacts.TrustScopable, awsfacts.TrustExempt, awsfacts.ResourceScopable, awsfacts.ResourceExempt} {
		for _, f := range list {
			if f.Source == "" || awsfacts.NormalizePrincipal(f.Principal) != f.Principal {
				t.Errorf("entry %+v: needs a source and a normalized principal", f)
			}
		}
	}
	for _, f := range awsfacts.TrustScopable {
		if awsfacts.IsTrustExempt(f.Principal) {
			t.Errorf("%s is both scopable and exempt", f.Principal)
		}
	}
}
