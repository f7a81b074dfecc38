package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/iampolicy"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/rules/internal/iamactions"
)

// policy10KB builds a raw resource policy of about 10 KB that exercises
// every policy rule: service principals with source conditions, wildcard
// principals, action wildcards and typos, NotAction, PassRole.
func policy10KB() []byte {
	var stmts []string
	for i := 0; len(strings.Join(stmts, ",")) < 10_000; i++ {
		stmts = append(stmts, fmt.Sprintf(`{"Sid":"S%d","Effect":"Allow","Principal":{"Service":"config.amazonaws.com"},`+
			`"Action":["s3:GetBucketAcl","s3:Put*","s3:GetObjects"],"Resource":["arn:aws:s3:::bucket-%d","arn:aws:s3:::bucket-%d/AWSLogs/111122223333/Config/*"],`+
			`"Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"},"ArnLike":{"aws:SourceArn":"arn:aws:config:*:444455556666:*"}}}`, i, i, i))
		stmts = append(stmts, fmt.Sprintf(`{"Sid":"P%d","Effect":"Allow","Principal":"*","NotAction":["iam:*"],"Resource":"*",`+
			`"Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`, i))
	}
	return []byte(`{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`)
}

var policyRules = []*analyzer.Rule{
	TrustPolicyServicePrincipalUnscoped, ResourcePolicyServicePrincipalUnscoped, SourceConditionIneffective,
	PolicyFullAdmin, PolicyWildcardAction, PolicyNotActionAllow, PassRoleUnrestricted, PrivilegeEscalationPath,
	PolicyPublicPrincipal, ServicePrincipalExcessActions, UnknownAction,
}

func checkPolicyUnit(b *testing.B, u *model.Unit) int {
	n := 0
	for _, r := range policyRules {
		if err := r.Run(analyzer.NewPass(r, u, nil, func(analyzer.Finding) { n++ })); err != nil {
			b.Fatal(err)
		}
	}
	return n
}

// BenchmarkPolicy10KBNormalize reads and normalizes the policy.
func BenchmarkPolicy10KBNormalize(b *testing.B) {
	src := policy10KB()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if u, ok := iampolicy.ParseFile("p.json", src); !ok || len(u.Policies) != 1 {
			b.Fatal("not a policy")
		}
	}
}

// BenchmarkPolicy10KBCheck runs the policy rules (CW201-CW203,
// CW306-CW314) over the normalized policy, with the catalog loaded.
func BenchmarkPolicy10KBCheck(b *testing.B) {
	src := policy10KB()
	u, _ := iampolicy.ParseFile("p.json", src)
	if err := iamactions.Err(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if checkPolicyUnit(b, u) == 0 {
			b.Fatal("no findings")
		}
	}
}

// BenchmarkPolicy10KBNormalizeAndCheck is both, as a scan does.
func BenchmarkPolicy10KBNormalizeAndCheck(b *testing.B) {
	src := policy10KB()
	if err := iamactions.Err(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		u, _ := iampolicy.ParseFile("p.json", src)
		if checkPolicyUnit(b, u) == 0 {
			b.Fatal("no findings")
		}
	}
}
