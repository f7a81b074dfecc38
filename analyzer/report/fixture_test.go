package report

import (
	"strings"
	"unicode/utf8"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

// The hand-built scan every golden file is written from.

var fixtureSources = map[string]string{
	"cfn/app.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  LogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: logs
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: !GetAtt ConfigRole.Arn
      RecordingGroup:
        AllSupported: false
        ResourceTypes:
          - AWS::S3::Bucket
`,
	"policies/trust.json": "{\r\n" +
		"  \"Version\": \"2012-10-17\",\r\n" +
		"  \"Statement\": [{\"Sid\": \"Prüfer→Zugriff\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}]\r\n" +
		"}\r\n",
	"terraform/main.tf": "resource \"aws_s3_bucket\" \"legacy\" {\n" +
		"  bucket = \"legacy\"\n" +
		"}\n" +
		"\n" +
		"resource \"aws_db_instance\" \"db\" {\n" +
		"\tengine   = \"postgres\"\n" +
		"\tpassword = \"hunter2-not-a-real-secret\"\n" +
		"}\n",
	"terraform/my module/versions.tf": "# configward:ignore CW101\n",
}

// at is the range of the n-th line of file from the first occurrence of
// from to the end of to (both on that line), in code-point columns.
// callAt is the header of a module block at line of file.
func callAt(file string, line int) model.Range {
	return model.Range{Filename: file, Start: model.Pos{Line: line, Column: 1}, End: model.Pos{Line: line, Column: 11}}
}

func at(file string, line int, from, to string) model.Range {
	l := strings.Split(fixtureSources[file], "\n")[line-1]
	i := strings.Index(l, from)
	j := strings.Index(l[i:], to) + i + len(to)
	if i < 0 || j < i {
		panic("bad fixture range " + file)
	}
	sc := utf8.RuneCountInString(l[:i]) + 1
	ec := utf8.RuneCountInString(l[:j]) + 1
	return model.Range{
		Filename: file,
		Start:    model.Pos{Line: line, Column: sc, Byte: i},
		End:      model.Pos{Line: line, Column: ec, Byte: j},
	}
}

const fixtureDoc = `# %s %s

%s
It spans two lines.

## Why

Because.

## How to fix

CloudFormation:

` + "```yaml" + `
Type: AWS::S3::Bucket
` + "```" + `

## References

- https://docs.aws.amazon.com/
`

func fixtureRule(id, name, title string, sev analyzer.Severity, precision string, tags ...string) *analyzer.Rule {
	r := &analyzer.Rule{
		ID:        id,
		Name:      name,
		Title:     title,
		Severity:  sev,
		Formats:   model.Formats,
		Tags:      tags,
		Precision: precision,
	}
	r.Doc = strings.NewReplacer("%s %s", id+" "+name, "%s", title+" <and> more.").Replace(fixtureDoc)
	return r
}

func fixtureInput() *Input {
	rules := []*analyzer.Rule{
		fixtureRule("CW001", "invalid-input", "Input that cannot be parsed or evaluated", analyzer.High, "very-high", "correctness"),
		fixtureRule("CW101", "s3-bucket-encryption", "S3 bucket without default encryption", analyzer.High, "high", "s3", "encryption"),
		fixtureRule("CW201", "trust-any-principal", "Role trust policy allows any principal", analyzer.Critical, "very-high", "iam", "security"),
		fixtureRule("CW305", "config-recorder-partial", "Config recorder does not record all resources", analyzer.Medium, "medium", "config"),
		fixtureRule("CW501", "hardcoded-secret", "Secret value in configuration", analyzer.Low, "high", "secrets"),
	}
	pw := at("terraform/main.tf", 7, "password", "password")
	findings := []*analyzer.Finding{
		{
			RuleID: "CW101", Severity: analyzer.High, Format: model.CloudFormation,
			Message:  `S3 bucket "LogsBucket" has no default server-side encryption`,
			Range:    at("cfn/app.yaml", 3, "LogsBucket", "LogsBucket"),
			Resource: "LogsBucket", Property: "BucketEncryption",
			CDKPath:       "App/Storage/LogsBucket/Resource",
			Fingerprint:   "3f1c0a9e5b7d2c4e",
			BaselineState: "new",
		},
		{
			RuleID: "CW305", Severity: analyzer.Medium, Format: model.CloudFormation,
			Message: `config recorder "Recorder" records only 1 resource type`,
			Range: model.Range{Filename: "cfn/app.yaml",
				Start: model.Pos{Line: 11, Column: 7, Byte: 0},
				End:   model.Pos{Line: 14, Column: 26, Byte: 0}},
			Resource: "Recorder", Property: "RecordingGroup",
			Fingerprint:   "9d2b7e61a0c4f8b3",
			BaselineState: "unchanged",
		},
		{
			RuleID: "CW201", Severity: analyzer.Critical, Format: model.IAMPolicy,
			Message:  `statement "Prüfer→Zugriff" lets any AWS principal assume the role`,
			Range:    at("policies/trust.json", 3, `"Principal"`, `"*"}`),
			Resource: "Statement[0]", ResourceName: "Prüfer→Zugriff", Property: "Statement[0].Principal",
			Fingerprint: "a17e02c95d3b6f48",
		},
		{
			RuleID: "CW101", Severity: analyzer.High, Format: model.Terraform,
			Message:  `S3 bucket "aws_s3_bucket.legacy" has no default server-side encryption`,
			Range:    at("terraform/main.tf", 1, "resource", "{"),
			Resource: "aws_s3_bucket.legacy", Property: "server_side_encryption_configuration",
			Fingerprint: "5e8a3c1f7b2d9046",
			Suppression: &analyzer.Suppression{Kind: "inSource", Justification: "legacy bucket, deleted in Q3"},
		},
		{
			RuleID: "CW501", Severity: analyzer.Low, Format: model.Terraform,
			Message:  `aws_db_instance.db sets password to a literal ("hu…et")`,
			Range:    pw,
			Resource: "aws_db_instance.db", Property: "password",
			Fingerprint: "c0ffee0123456789",
			// A module called from two places, once through another module.
			Instances: []analyzer.Instance{
				{Address: "module.a.aws_db_instance.db", Calls: []model.Call{
					{Address: "module.a", Range: callAt("live/main.tf", 3)}}},
				{Address: "module.b.module.db.aws_db_instance.db", Calls: []model.Call{
					{Address: "module.b", Range: callAt("live/main.tf", 9)},
					{Address: "module.b.module.db", Range: callAt("wrapper/main.tf", 1)}}},
			},
		},
		{
			// A rule that is not in Rules (the checker's own), a path with a
			// space, a zero end, and a message full of characters every
			// format must escape.
			RuleID: "CW002", Severity: analyzer.Low, Format: model.Terraform,
			Message: "ignore comment has no reason: write `# configward:ignore CW101 <why>` | 100% *sure*,\nthen rerun",
			Range: model.Range{Filename: "terraform/my module/versions.tf",
				Start: model.Pos{Line: 1, Column: 3, Byte: 2}},
			Resource:    "terraform/my module",
			Fingerprint: "0badc0de0badc0de",
		},
	}
	return &Input{
		Rules:    rules,
		Findings: findings,
		Notifications: []Notification{
			{
				Level:   "warning",
				Message: `module "outside" has source "../../outside", which leaves the scanned tree; not read`,
				Range: model.Range{Filename: "terraform/main.tf",
					Start: model.Pos{Line: 5, Column: 1}, End: model.Pos{Line: 5, Column: 9}},
			},
			{Level: "note", Message: "rule CW305 skipped 2 units it does not cover", RuleID: "CW305"},
		},
		Sources: func(file string) []byte {
			if s, ok := fixtureSources[file]; ok {
				return []byte(s)
			}
			return nil
		},
		Version: "devel",
		FailOn:  analyzer.High,
	}
}

func emptyInput() *Input {
	in := fixtureInput()
	in.Findings = nil
	in.Notifications = nil
	in.FailOn = analyzer.Low
	return in
}
