package policycheck_test

import (
	"strings"
	"testing"

	"github.com/configward/configward/rules/internal/policycheck"
)

func TestWildcardAction(t *testing.T) {
	for in, want := range map[string]string{"*": "*", "*:*": "*", "s3:*": "s3", "S3:**": "s3", "s3:Get*": "", "s3:GetObject": "", "*:Get*": "", "s3": ""} {
		got, ok := policycheck.WildcardAction(in)
		if got != want || ok != (want != "") {
			t.Errorf("WildcardAction(%q) = %q, %v", in, got, ok)
		}
	}
}

func TestAllOfType(t *testing.T) {
	for in, want := range map[string]bool{
		"*": true, "arn:aws:iam::*:role/*": true, "arn:aws:iam::111122223333:*": true,
		"arn:aws:iam::111122223333:user/*": true, "arn:aws:*:*:*:*": true,
		"arn:aws:iam::111122223333:role/app": false, "arn:aws:iam::111122223333:role/app/*": false,
		"arn:aws:s3:::bucket/*": false, "role/*": false, "arn:aws:iam::*": false,
		"ARN:aws:iam::*:*": true, "arn:aws:iam::aws:policy/*": false,
	} {
		if got := policycheck.AllOfType(in, "iam"); got != want {
			t.Errorf("AllOfType(%q) = %v", in, got)
		}
	}
	// It reads the ARN's fields in place: a policy of n resources is
	// checked without n slices.
	if n := testing.AllocsPerRun(10, func() { policycheck.AllOfType("arn:aws:s3:::bucket/*", "iam") }); n != 0 {
		t.Errorf("AllOfType allocates %.0f times, want 0", n)
	}
}

func TestPassRole(t *testing.T) {
	p := policy(t, `{"Statement":[
		{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},
		{"Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":["lambda.amazonaws.com"]}}},
		{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/x"},
		{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	sc, ok := policycheck.PassRole(p.Statements[0])
	if !ok || !sc.AllRoles || sc.Restricted || !sc.PassedTo("ec2.amazonaws.com") {
		t.Errorf("unconditioned PassRole: %+v %v", sc, ok)
	}
	sc, ok = policycheck.PassRole(p.Statements[1])
	if !ok || !sc.Restricted || !sc.PassedTo("lambda.amazonaws.com") || sc.PassedTo("ec2.amazonaws.com") {
		t.Errorf("PassedToService lambda: %+v %v", sc, ok)
	}
	if sc, ok := policycheck.PassRole(p.Statements[2]); !ok || sc.AllRoles {
		t.Errorf("named role: %+v %v", sc, ok)
	}
	if _, ok := policycheck.PassRole(p.Statements[3]); ok {
		t.Error("s3:* grants PassRole")
	}
}

// Edge cases 2, 3, 7 and 11 at the level of the analysis; the fixtures of
// CW203 cover them end to end.
func TestSourceProblems(t *testing.T) {
	tests := []struct {
		cond   string
		config bool
		want   string // substring of the one problem, "" for none
		low    bool
	}{
		{`{"StringEquals":{"aws:SourceAccount":"111122223333"}}`, true, "", false},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:config:*:111122223333:*"}}`, true, "", false},
		{`{"StringEquals":{"aws:SourceArn":"arn:aws:config:*:111122223333:*"}}`, true, "compares aws:SourceArn literally", false},
		{`{"StringEquals":{"aws:SourceArn":"arn:aws:config:eu-west-1:111122223333:*"}}`, true, "matches only because", true},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:config:eu-west-1:111122223333:config-rule/x"}}`, true, "never matches for AWS Config", false},
		{`{"ArnLike":{"aws:SourceArn":["arn:aws:config:eu-west-1:111122223333:config-rule/x","arn:aws:config:*:111122223333:*"]}}`, true, "", false},
		{`{"ArnLike":{"aws:SourceArn":"arn:aws:config:eu-west-1:111122223333:config-rule/x"}}`, false, "", false},
		{`{"ArnLike":{"aws:SourceArn":"arn:AWS:config:*:111122223333:*"}}`, false, "case-sensitively", false},
		{`{"StringEquals":{"aws:SourceAccount":"1111222233"}}`, false, "not a 12-digit", false},
		{`{"StringLike":{"aws:SourceAccount":"1111222233*"}}`, false, "", false},
		{`{"StringEquals":{"AWS:SourceAccount":"111122223333"},"ArnLike":{"aws:SOURCEARN":"arn:aws:config:*:444455556666:*"}}`, true, "names account 444455556666", false},
		{`{"StringEquals":{"aws:SourceAccount":["111122223333","444455556666"]},"ArnLike":{"aws:SourceArn":"arn:aws:config:*:444455556666:*"}}`, true, "", false},
		{`{"StringEqualsIfExists":{"aws:SourceArn":"arn:aws:config:*:1:*"}}`, true, "", false}, // weak: Scoping's
	}
	for _, tt := range tests {
		p := policy(t, `{"Statement":{"Effect":"Allow","Principal":{"Service":"config.amazonaws.com"},"Action":"s3:PutObject","Resource":"*","Condition":`+tt.cond+`}}`)
		got := policycheck.SourceProblems(p.Statements[0], tt.config)
		switch {
		case tt.want == "" && len(got) != 0:
			t.Errorf("%s: unexpected %q", tt.cond, got[0].Reason)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0].Reason, tt.want) || got[0].Low != tt.low):
			t.Errorf("%s: got %+v, want one problem with %q (low %v)", tt.cond, got, tt.want, tt.low)
		}
	}
}

// Edge case 19: "*" narrowed by the organization, an account or a network
// is not public; IfExists, ForAllValues and wildcard values do not narrow.
func TestPublicPrincipal(t *testing.T) {
	tests := []struct {
		stmt   string
		public bool
	}{
		{`"Principal":"*"`, true},
		{`"Principal":{"AWS":"*"},"Condition":{"Bool":{"aws:SecureTransport":"true"}}`, true},
		{`"Principal":{"AWS":"*"},"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}`, false},
		{`"Principal":"*","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abc"}}`, true},
		{`"Principal":"*","Condition":{"StringLike":{"aws:PrincipalOrgID":"o-*"}}`, true},
		{`"Principal":"*","Condition":{"ForAllValues:StringEquals":{"aws:SourceVpce":"vpce-1"}}`, true},
		{`"Principal":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, false},
		{`"Principal":"*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`, true},
		{`"Principal":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x"}}`, true},
		{`"Principal":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/*"}}`, false},
		{`"Principal":"*","Condition":{"StringEquals":{"aws:SourceAccount":111122223333}}`, false},
		{`"NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"}`, true},
		{`"Principal":{"AWS":"arn:aws:iam::111122223333:root"}`, false},
	}
	for _, tt := range tests {
		p := policy(t, `{"Statement":{"Effect":"Allow",`+tt.stmt+`,"Action":"s3:GetObject","Resource":"*"}}`)
		pr, _ := policycheck.PublicPrincipal(p.Statements[0])
		if (pr != nil) != tt.public {
			t.Errorf("%s: public = %v, want %v", tt.stmt, pr != nil, tt.public)
		}
	}
}
