package policycheck_test

import (
	"strings"
	"testing"

	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/jsonvalue"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/policycheck"
)

func policy(t *testing.T, src string) *model.Policy {
	t.Helper()
	v, diags := jsonvalue.Parse("p.json", []byte(src))
	if v == nil {
		t.Fatalf("bad JSON: %v", diags)
	}
	p, diags := iampolicy.FromValue(v, iampolicy.Classify(v), nil, "")
	for _, d := range diags {
		if d.Severity == model.DiagError {
			t.Fatalf("policy error: %v", d)
		}
	}
	return p
}

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "s3:PutObject", true},
		{"s3:*", "s3:PutObject", true},
		{"s3:Put*", "s3:PutObject", true},
		{"s3:*Object", "s3:PutObject", true},
		{"s3:P?tObject", "s3:PutObject", true},
		{"s3:Get*", "s3:PutObject", false},
		{"s3:PutObject", "s3:PutObjectAcl", false},
		{"*Object*", "s3:PutObjectAcl", true},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
		{"", "", true},
		{"", "a", false},
		{"**", "", true},
		{"?", "", false},
		{strings.Repeat("*a", 30) + "b", strings.Repeat("a", 60), false},
	}
	for _, tt := range tests {
		if got := policycheck.Glob(tt.pattern, tt.s); got != tt.want {
			t.Errorf("Glob(%q, %q) = %v", tt.pattern, tt.s, got)
		}
	}
}

// Edge cases 1 and 16: action names are compared case-insensitively, with
// IAM glob semantics.
func TestMatchAction(t *testing.T) {
	tests := []struct {
		pattern, action string
		want            bool
	}{
		{"S3:putobject", "s3:PutObject", true},
		{"sts:AssumeRole*", "sts:AssumeRole", true},
		{"STS:*", "sts:AssumeRole", true},
		{"*", "sts:AssumeRole", true},
		{"sts:AssumeRoleWithSAML", "sts:AssumeRole", false},
		{"s3:Put*", "s3:PutObject", true},
		{"s3:*Object", "s3:PutObject", true},
		{"iam:*", "sts:AssumeRole", false},
	}
	for _, tt := range tests {
		if got := policycheck.MatchAction(tt.pattern, tt.action); got != tt.want {
			t.Errorf("MatchAction(%q, %q) = %v", tt.pattern, tt.action, got)
		}
	}
}

func TestAllowsAction(t *testing.T) {
	tests := []struct {
		name, stmt string
		want       policycheck.Tri
	}{
		{"action", `"Action": "sts:AssumeRole"`, policycheck.Yes},
		{"list", `"Action": ["s3:GetObject", "sts:Assume*"]`, policycheck.Yes},
		{"wildcard", `"Action": "*"`, policycheck.Yes},
		{"other", `"Action": "sts:TagSession"`, policycheck.No},
		{"notaction other", `"NotAction": "iam:*"`, policycheck.Yes},
		{"notaction same", `"NotAction": "sts:*"`, policycheck.No},
	}
	for _, tt := range tests {
		p := policy(t, `{"Statement": {"Effect": "Allow", `+tt.stmt+`}}`)
		if got := policycheck.AllowsAction(p.Statements[0], "sts:AssumeRole"); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	// Unknown action elements leave the answer open.
	s := &model.Statement{Effect: "Allow", EffectKnown: true, Action: []*model.Elem{{Known: false}}}
	if got := policycheck.AllowsAction(s, "sts:AssumeRole"); got != policycheck.Unknown {
		t.Errorf("unknown action: got %v", got)
	}
	if got := policycheck.AllowsAction(&model.Statement{Unknown: true}, "sts:AssumeRole"); got != policycheck.Unknown {
		t.Errorf("unknown statement: got %v", got)
	}
}

const trustHead = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole"`

func trust(cond string) string {
	if cond == "" {
		return trustHead + `}]}`
	}
	return trustHead + `, "Condition": ` + cond + `}]}`
}

// TestScoping covers research edge cases 1-9 and 15 for one Allow statement.
func TestScoping(t *testing.T) {
	tests := []struct {
		name, doc string
		scoped    bool
		weak      string // substring of the first weak reason, "" for none
	}{
		{"no condition", trust(""), false, ""},
		// 1: key names are case-insensitive.
		{"AWS:SourceAccount", trust(`{"StringEquals": {"AWS:SourceAccount": "111122223333"}}`), true, ""},
		{"aws:sourceaccount", trust(`{"StringEquals": {"aws:sourceaccount": "111122223333"}}`), true, ""},
		// 11: a number is an account too.
		{"number account", trust(`{"StringEquals": {"aws:SourceAccount": 111122223333}}`), true, ""},
		// 3: operators.
		{"StringLike account", trust(`{"StringLike": {"aws:SourceAccount": "111122223333"}}`), true, ""},
		{"ArnLike arn", trust(`{"ArnLike": {"aws:SourceArn": "arn:aws:config:us-east-1:111122223333:*"}}`), true, ""},
		{"ArnEquals arn", trust(`{"ArnEquals": {"aws:SourceArn": "arn:aws:config:us-east-1:111122223333:*"}}`), true, ""},
		{"StringLike arn", trust(`{"StringLike": {"aws:SourceArn": "arn:aws:config:*:111122223333:*"}}`), true, ""},
		{"StringNotEquals in Allow", trust(`{"StringNotEquals": {"aws:SourceAccount": "999999999999"}}`), false, "does not limit the source"},
		{"Null test", trust(`{"Null": {"aws:SourceAccount": "false"}}`), false, "does not limit"},
		// 4: IfExists does not protect.
		{"IfExists", trust(`{"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}}`), false, "passes when the key is absent"},
		{"ArnLikeIfExists", trust(`{"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:config:*:111122223333:*"}}`), false, "ArnLikeIfExists"},
		// 5: set operators.
		{"ForAnyValue", trust(`{"ForAnyValue:StringEquals": {"aws:SourceAccount": "111122223333"}}`), true, ""},
		{"ForAllValues", trust(`{"ForAllValues:StringEquals": {"aws:SourceAccount": "111122223333"}}`), false, "ForAllValues"},
		// 6: wildcard values.
		{"account star", trust(`{"StringLike": {"aws:SourceAccount": "*"}}`), false, "matches any source"},
		{"account list with star", trust(`{"StringLike": {"aws:SourceAccount": ["111122223333", "*"]}}`), false, "matches any source"},
		{"arn all stars", trust(`{"ArnLike": {"aws:SourceArn": "arn:aws:config:*:*:*"}}`), false, "matches any source"},
		{"arn short", trust(`{"ArnLike": {"aws:SourceArn": "arn:aws:*"}}`), false, "matches any source"},
		{"arn region wildcard fixed account", trust(`{"ArnLike": {"aws:SourceArn": "arn:aws:config:*:111122223333:*"}}`), true, ""},
		{"arn s3 bucket", trust(`{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::my-bucket"}}`), true, ""},
		{"arn s3 any bucket", trust(`{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}}`), false, "matches any source"},
		// 7: either key suffices; a weak one beside a good one is fine.
		{"both keys", trust(`{"StringEquals": {"aws:SourceAccount": "111122223333"}, "ArnLike": {"aws:SourceArn": "arn:aws:config:*:111122223333:*"}}`), true, ""},
		{"weak arn good account", trust(`{"StringEquals": {"aws:SourceAccount": "111122223333"}, "ArnLikeIfExists": {"aws:SourceArn": "arn:aws:config:*:111122223333:*"}}`), true, "IfExists"},
		// 9: org keys.
		{"SourceOrgID", trust(`{"StringEquals": {"aws:SourceOrgID": "o-a1b2c3d4e5"}}`), true, ""},
		{"SourceOrgPaths", trust(`{"ForAnyValue:StringLike": {"aws:SourceOrgPaths": "o-a1b2c3d4e5/r-ab12/*"}}`), true, ""},
		{"SourceOrgID star", trust(`{"StringLike": {"aws:SourceOrgID": "o-*"}}`), false, "matches any source"},
		{"PrincipalOrgID", trust(`{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`), false, ""},
		// Unrelated keys do not scope.
		{"ExternalId", trust(`{"StringEquals": {"sts:ExternalId": "abc"}}`), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := policy(t, tt.doc)
			got := policycheck.ServicePrincipalScoping(p, p.Statements[0], "config.amazonaws.com")
			if got.Scoped != tt.scoped {
				t.Errorf("Scoped = %v, want %v", got.Scoped, tt.scoped)
			}
			switch {
			case tt.weak == "" && len(got.Weak) != 0:
				t.Errorf("unexpected weak condition: %v", got.Weak[0].Reason)
			case tt.weak != "" && (len(got.Weak) == 0 || !strings.Contains(got.Weak[0].Reason, tt.weak)):
				t.Errorf("weak = %+v, want a reason containing %q", got.Weak, tt.weak)
			}
		})
	}
}

func TestScopingPrincipalOrgID(t *testing.T) {
	p := policy(t, trust(`{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`))
	got := policycheck.ServicePrincipalScoping(p, p.Statements[0], "config.amazonaws.com")
	if got.Scoped || got.PrincipalOrgID == nil {
		t.Errorf("aws:PrincipalOrgID must not scope a service principal and must be reported: %+v", got)
	}
}

// Unknown values (a parameter, data.aws_caller_identity) count as scoped.
func TestScopingUnknown(t *testing.T) {
	p := policy(t, trust(`{"StringEquals": {"aws:SourceAccount": "111122223333"}}`))
	c := p.Statements[0].Conditions[0]
	c.Values = []*model.Elem{{Known: false, Hint: model.ThisAccount, Reason: "!Ref AWS::AccountId"}}
	if got := policycheck.ServicePrincipalScoping(p, p.Statements[0], "config.amazonaws.com"); !got.Scoped {
		t.Error("unknown account value must count as scoped")
	}
	// StringEquals compares literally: "*" beside an unknown value
	// matches no account, so the unknown value still scopes.
	c.Values = append(c.Values, &model.Elem{Known: true, Text: "*"})
	if got := policycheck.ServicePrincipalScoping(p, p.Statements[0], "config.amazonaws.com"); !got.Scoped {
		t.Error("StringEquals \"*\" is a literal: it must not open the statement")
	}
	// Under StringLike the same wildcard opens it.
	c.Base, c.Operator = "stringlike", "StringLike"
	if got := policycheck.ServicePrincipalScoping(p, p.Statements[0], "config.amazonaws.com"); got.Scoped {
		t.Error("a StringLike wildcard value must not scope")
	}
	// A whole Condition that is unknown.
	p.Statements[0].Conditions = []*model.Condition{{Unknown: true}}
	if got := policycheck.ServicePrincipalScoping(p, p.Statements[0], "config.amazonaws.com"); !got.Scoped {
		t.Error("an unknown Condition must count as scoped")
	}
}

// Edge case 8: an equivalent Deny in the same policy scopes the Allow.
func TestScopingDeny(t *testing.T) {
	allow := `{"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": ["s3:GetBucketAcl", "s3:PutObject"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/AWSLogs/111122223333/Config/*"]}`
	tests := []struct {
		name, deny string
		scoped     bool
	}{
		{"no deny", ``, false},
		{"deny account", `{"Effect": "Deny", "Principal": {"Service": "config.amazonaws.com"}, "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}}`, true},
		{"deny arn star principal", `{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"ArnNotLike": {"aws:SourceArn": "arn:aws:config:*:111122223333:*"}}}`, true},
		{"deny aws star", `{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:SourceAccount": "111122223333"}}}`, true},
		{"deny org", `{"Effect": "Deny", "Principal": {"Service": ["cloudtrail.amazonaws.com", "config.amazonaws.com"]}, "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceOrgID": "o-a1b2c3d4e5"}}}`, true},
		{"deny other principal", `{"Effect": "Deny", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}}`, false},
		{"deny fewer actions", `{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}}`, false},
		{"deny fewer resources", `{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "arn:aws:s3:::b", "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}}`, false},
		{"deny wildcard value", `{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringNotLike": {"aws:SourceAccount": "*"}}}`, false},
		{"deny positive op", `{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "999999999999"}}}`, false},
		{"deny extra condition", `{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}, "Bool": {"aws:SecureTransport": "false"}}}`, false},
		{"deny without condition", `{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}`, false},
		{"deny notprincipal other", `{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}}`, true},
		{"deny notprincipal config", `{"Effect": "Deny", "NotPrincipal": {"Service": "config.amazonaws.com"}, "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `{"Statement": [` + allow
			if tt.deny != "" {
				doc += ", " + tt.deny
			}
			doc += `]}`
			p := policy(t, doc)
			if got := policycheck.ServicePrincipalScoping(p, p.Statements[0], "config.amazonaws.com"); got.Scoped != tt.scoped {
				t.Errorf("Scoped = %v, want %v", got.Scoped, tt.scoped)
			}
		})
	}
}

// Edge cases 13 and 15: principals as string or list, statements as object
// or list; each service principal is taken one by one.
func TestServicePrincipals(t *testing.T) {
	p := policy(t, `{"Statement": {"Effect": "Allow", "Principal": {"Service": ["cloudtrail.amazonaws.com", "config.amazonaws.com"], "AWS": "arn:aws:iam::1:root"}, "Action": "s3:PutObject", "Resource": "*"}}`)
	var got []string
	for _, pr := range policycheck.ServicePrincipals(p.Statements[0]) {
		got = append(got, pr.Value.Text)
	}
	if strings.Join(got, " ") != "cloudtrail.amazonaws.com config.amazonaws.com" {
		t.Errorf("service principals %v", got)
	}
	p = policy(t, `{"Statement": {"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "*"}}`)
	if n := len(policycheck.ServicePrincipals(p.Statements[0])); n != 1 {
		t.Errorf("string service principal: %d", n)
	}
}

// Edge case 19: the organization conformance-pack bucket uses Principal "*"
// narrowed by aws:PrincipalOrgID and aws:PrincipalArn: no service principal
// is involved, so the confused-deputy analysis has nothing to report.
func TestConformancePackBucket(t *testing.T) {
	p := policy(t, `{"Statement": [{"Sid": "AllowGetObject", "Effect": "Allow", "Principal": "*",
		"Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::awsconfigconforms-x/*",
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"},
		"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/aws-service-role/config-conforms.amazonaws.com/AWSServiceRoleForConfigConforms"}}}]}`)
	if n := len(policycheck.ServicePrincipals(p.Statements[0])); n != 0 {
		t.Errorf("service principals in the conformance-pack bucket pattern: %d", n)
	}
}

func TestIsFullAdmin(t *testing.T) {
	tests := []struct {
		stmt string
		want bool
	}{
		{`"Effect": "Allow", "Action": "*", "Resource": "*"`, true},
		{`"Effect": "Allow", "Action": "*:*", "Resource": "*"`, true},
		{`"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": ["arn:aws:s3:::b", "*"]`, true},
		{`"Effect": "Deny", "Action": "*", "Resource": "*"`, false},
		{`"Effect": "Allow", "Action": "s3:*", "Resource": "*"`, false},
		{`"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b"`, false},
		{`"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"`, false},
		{`"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::b"`, false},
	}
	for _, tt := range tests {
		p := policy(t, `{"Statement": {`+tt.stmt+`}}`)
		if got := policycheck.IsFullAdmin(p.Statements[0]); got != tt.want {
			t.Errorf("IsFullAdmin(%s) = %v", tt.stmt, got)
		}
	}
}

func TestIsWildcardSource(t *testing.T) {
	tests := []struct {
		key, value string
		want       bool
	}{
		{policycheck.KeySourceAccount, "*", true},
		{policycheck.KeySourceAccount, "????????????", true},
		{policycheck.KeySourceAccount, "111122223333", false},
		{policycheck.KeySourceArn, "*", true},
		{policycheck.KeySourceArn, "arn:aws:config:*:*:*", true},
		{policycheck.KeySourceArn, "arn:aws:*", true},
		{policycheck.KeySourceArn, "arn:aws:config:*:111122223333:*", false},
		{policycheck.KeySourceArn, "arn:aws:config:us-east-1:111122223333:config-rule/*", false},
		{policycheck.KeySourceArn, "arn:aws-us-gov:config:*:111122223333:*", false},
		{policycheck.KeySourceArn, "arn:aws:s3:::logs", false},
		{policycheck.KeySourceArn, "arn:aws:s3:::*", true},
		{policycheck.KeySourceOrgID, "o-*", true},
		{policycheck.KeySourceOrgID, "o-a1b2c3d4e5", false},
		{policycheck.KeySourceOrgPaths, "o-*/*", true},
		{policycheck.KeySourceOrgPaths, "o-a1b2c3d4e5/*", false},
	}
	for _, tt := range tests {
		if got := policycheck.IsWildcardSource(tt.key, tt.value); got != tt.want {
			t.Errorf("IsWildcardSource(%s, %q) = %v", tt.key, tt.value, got)
		}
	}
}
