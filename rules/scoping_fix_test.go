package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/analyzer/fix"
)

// TestScopeStatementFixOffered: CW201/CW202 offer the aws:SourceAccount
// fix only where it cannot refuse what works today; the proof of the
// fixes that are offered is cmd/configward's TestFixProof.
func TestScopeStatementFixOffered(t *testing.T) {
	bucket := func(principal, resource, condition string) string {
		return `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::S3::Bucket
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: ` + principal + `
            Action: s3:PutObject
            Resource: ` + resource + condition + `
`
	}
	own := `!Sub "${Logs.Arn}/AWSLogs/${AWS::AccountId}/*"`
	cases := []struct {
		name, file, src string
		fix             bool
	}{
		{"one account", "t.yaml", bucket(`{Service: cloudtrail.amazonaws.com}`, own, ""), true},
		{"documented services only", "t.yaml", bucket(`{Service: [config.amazonaws.com, cloudtrail.amazonaws.com]}`, own, ""), true},
		{"a service without documented keys", "t.yaml", bucket(`{Service: [config.amazonaws.com, firehose.amazonaws.com]}`, own, ""), false},
		{"an account principal beside", "t.yaml", bucket(`{Service: config.amazonaws.com, AWS: !Ref AWS::AccountId}`, own, ""), false},
		{"every account's prefix", "t.yaml", bucket(`{Service: config.amazonaws.com}`, `!Sub "${Logs.Arn}/AWSLogs/*"`, ""), false},
		{"an organization's prefix", "t.yaml", bucket(`{Service: cloudtrail.amazonaws.com}`, `!Sub "${Logs.Arn}/AWSLogs/o-a1b2c3d4e5/*"`, ""), false},
		{"a variable prefix", "t.yaml", bucket(`{Service: config.amazonaws.com}`, `!Sub "${Logs.Arn}/AWSLogs/${Member}/*"`, ""), false},
		{"a literal account", "t.yaml", bucket(`{Service: config.amazonaws.com}`, `!Sub "${Logs.Arn}/AWSLogs/111122223333/*"`, ""), false},
		{"a condition chosen at deploy time", "t.yaml", bucket(`{Service: config.amazonaws.com}`, own, "\n            Condition: !If [C, {}, {}]"), false},
		{"a condition chosen at deploy time (block)", "t.yaml", bucket(`{Service: config.amazonaws.com}`, own, "\n            Condition:\n              Fn::If:\n                - C\n                - {}\n                - {}"), false},
		{"a commented condition", "t.yaml", bucket(`{Service: config.amazonaws.com}`, own, "\n            Condition: # transport\n              # TLS only\n              Bool:\n                aws:SecureTransport: true"), true},
		{"raw policy without an account", "p.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
 "Principal": {"Service": "config.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/AWSLogs/x/*"}]}`, false},
		{"raw policy naming its source account", "p.json", `{"Version": "2012-10-17", "Statement": [
 {"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "s3:GetBucketAcl", "Resource": "arn:aws:s3:::b"},
 {"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/AWSLogs/111122223333/*",
  "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]}`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, c.file)
			if err := os.WriteFile(path, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := checker.Run([]string{path}, checker.Options{Rules: []*analyzer.Rule{ResourcePolicyServicePrincipalUnscoped}, Config: &analyzer.Config{}})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, f := range res.Findings {
				if f.RuleID != "CW202" {
					continue
				}
				n++
				if got := len(fix.For(f, res.Source)) > 0; got != c.fix {
					t.Errorf("%s: fix offered %v, want %v", f.Message, got, c.fix)
				}
			}
			if n == 0 {
				t.Fatalf("no CW202 finding: %v", res.Findings)
			}
		})
	}
}

// TestSourceConditionFixOffered: CW203 renames an operator or key only
// where the right one is not a choice and the rename cannot refuse a
// principal that works today.
func TestSourceConditionFixOffered(t *testing.T) {
	policy := func(principal, condition string) string {
		return `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": ` + principal +
			`, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:t", "Condition": ` + condition + `}]}`
	}
	cases := []struct {
		name, src string
		fix       bool
	}{
		{"IfExists for a documented service", policy(`{"Service": "events.amazonaws.com"}`, `{"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:events:us-east-1:111122223333:rule/r"}}`), true},
		{"IfExists beside an account principal", policy(`{"Service": "events.amazonaws.com", "AWS": "arn:aws:iam::111122223333:root"}`, `{"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:events:us-east-1:111122223333:rule/r"}}`), false},
		{"IfExists for an undocumented service", policy(`{"Service": "firehose.amazonaws.com"}`, `{"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:events:us-east-1:111122223333:rule/r"}}`), false},
		{"IfExists beside another key", policy(`{"Service": "events.amazonaws.com"}`, `{"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:events:us-east-1:111122223333:rule/r", "aws:PrincipalTag/x": "y"}}`), false},
		{"the plain operator is there", policy(`{"Service": "events.amazonaws.com"}`, `{"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}, "StringEquals": {"aws:SourceArn": "arn:aws:events:us-east-1:111122223333:rule/r"}}`), false},
		{"a wildcard value", policy(`{"Service": "events.amazonaws.com"}`, `{"StringLike": {"aws:SourceAccount": "*"}}`), false},
		{"StringEquals on a pattern", policy(`{"Service": "events.amazonaws.com"}`, `{"StringEquals": {"aws:SourceArn": "arn:aws:events:*:111122223333:rule/*"}}`), true},
		{"organization of services", policy(`{"Service": "events.amazonaws.com"}`, `{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "p.json")
			if err := os.WriteFile(path, []byte(c.src), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := checker.Run([]string{path}, checker.Options{Rules: []*analyzer.Rule{SourceConditionIneffective}, Config: &analyzer.Config{}})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, f := range res.Findings {
				if f.RuleID != "CW203" {
					continue
				}
				n++
				if got := len(fix.For(f, res.Source)) > 0; got != c.fix {
					t.Errorf("%s: fix offered %v, want %v", f.Message, got, c.fix)
				}
			}
			if n == 0 {
				t.Fatalf("no CW203 finding: %v", res.Findings)
			}
		})
	}
}
