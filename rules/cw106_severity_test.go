package rules

import (
	"path/filepath"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/analyzertest"
	"github.com/configward/configward/analyzer/checker"
)

// TestCW106Severity checks the severity decided in issue 18 (docs/CW106.md):
// a bucket with no policy at all and on no delivery path is low; a delivery
// bucket without a policy, and a policy that lacks the Deny, are medium.
func TestCW106Severity(t *testing.T) {
	for name, want := range map[string]analyzer.Severity{
		"cfn-yaml/bad_no_policy.yaml":                 analyzer.Low,
		"terraform/bad_no_policy":                     analyzer.Low,
		"cfn-yaml/bad_delivery_bucket_no_policy.yaml": analyzer.Medium,
		"cfn-yaml/bad_no_tls_deny.yaml":               analyzer.Medium,
	} {
		fsys, start, _, err := analyzertest.Load(filepath.Join(testdata, "CW106", name))
		if err != nil {
			t.Fatal(err)
		}
		res := checker.Scan(fsys, start, "", checker.Options{Rules: []*analyzer.Rule{BucketAllowsInsecureTransport}, Workers: 1})
		if len(res.Findings) == 0 {
			t.Errorf("%s: no CW106 finding", name)
		}
		for _, f := range res.Findings {
			if f.Severity != want {
				t.Errorf("%s: %s finding is %s, want %s: %s", name, f.RuleID, f.Severity, want, f.Message)
			}
		}
	}
}
