package rules

import (
	"path/filepath"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/analyzertest"
	"github.com/configward/configward/analyzer/checker"
)

// scanCase runs one rule over a fixture case with cfg and returns its
// findings.
func scanCase(t *testing.T, rule *analyzer.Rule, casePath string, cfg *analyzer.Config) []*analyzer.Finding {
	t.Helper()
	fsys, start, _, err := analyzertest.Load(filepath.Join(testdata, casePath))
	if err != nil {
		t.Fatal(err)
	}
	res := checker.Scan(fsys, start, "", checker.Options{Rules: []*analyzer.Rule{rule}, Workers: 1, Config: cfg})
	return res.Findings
}

// TestConfigRoleOverbroadAcceptance is issue 6's acceptance test: a recorder
// role with AdministratorAccess attached through aws_iam_role_policy_attachment
// in another file of the module is a critical CW301 finding that points at
// the attachment.
func TestConfigRoleOverbroadAcceptance(t *testing.T) {
	fs := scanCase(t, ConfigRoleOverbroad, "CW301/terraform/bad_admin_attachment_other_file", nil)
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1: %v", len(fs), fs)
	}
	f := fs[0]
	if f.Severity != analyzer.Critical {
		t.Errorf("severity %s, want critical", f.Severity)
	}
	if f.Range.Filename != "bad_admin_attachment_other_file/iam.tf" || f.Range.Start.Line != 30 {
		t.Errorf("range %s:%d, want the policy_arn of the attachment in iam.tf:30", f.Range.Filename, f.Range.Start.Line)
	}
	if f.Resource != "aws_iam_role_policy_attachment.admin" || f.Property != "policy_arn" {
		t.Errorf("resource %q property %q, want the attachment's policy_arn", f.Resource, f.Property)
	}
}

// TestConfigRoleOverbroadSeverities checks the severity of each kind of
// grant on a Config role.
func TestConfigRoleOverbroadSeverities(t *testing.T) {
	want := map[int]analyzer.Severity{19: analyzer.Critical, 26: analyzer.High, 43: analyzer.Critical}
	for _, f := range scanCase(t, ConfigRoleOverbroad, "CW301/cfn-yaml/bad_admin_recorder_role.yaml", nil) {
		if s, ok := want[f.Range.Start.Line]; !ok || s != f.Severity {
			t.Errorf("line %d: severity %s, want %s", f.Range.Start.Line, f.Severity, s)
		}
	}
	readOnly := 0
	for _, f := range scanCase(t, ConfigRoleOverbroad, "CW301/cfn-yaml/bad_remediation_role_passrole.yaml", nil) {
		if f.Range.Start.Line == 51 {
			readOnly++
			if f.Severity != analyzer.Medium {
				t.Errorf("ReadOnlyAccess: severity %s, want medium", f.Severity)
			}
		}
	}
	if readOnly != 1 {
		t.Errorf("ReadOnlyAccess: %d findings on line 51, want 1", readOnly)
	}
}

// TestAggregationAuthorizationUntrusted checks that CW408 reports only when
// trusted-accounts is set, and then every account outside it.
func TestAggregationAuthorizationUntrusted(t *testing.T) {
	const c = "CW408/cfn-yaml/good_no_trusted_list"
	if fs := scanCase(t, AggregationAuthorizationUntrusted, c, nil); len(fs) != 0 {
		t.Errorf("without trusted-accounts: %d findings, want none", len(fs))
	}
	if fs := scanCase(t, AggregationAuthorizationUntrusted, c, &analyzer.Config{}); len(fs) != 0 {
		t.Errorf("with an empty trusted-accounts: %d findings, want none", len(fs))
	}
	fs := scanCase(t, AggregationAuthorizationUntrusted, c, &analyzer.Config{TrustedAccounts: []string{"111122223333"}})
	if len(fs) != 1 || fs[0].Resource != "ExternalAuthorization" {
		t.Errorf("with trusted-accounts: %v, want one finding on ExternalAuthorization", fs)
	}
	fs = scanCase(t, AggregationAuthorizationUntrusted, c, &analyzer.Config{TrustedAccounts: []string{"444455556666"}})
	if len(fs) != 0 {
		t.Errorf("trusted account reported: %v", fs)
	}
}
