package config

import (
	"strings"
	"testing"
	"time"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/parsers/model"
)

var known = []*analyzer.Rule{
	{ID: "CW101", Formats: []model.Format{model.Terraform}},
	{ID: "CW203", Formats: []model.Format{model.Terraform}},
}

func TestParseFull(t *testing.T) {
	src := `exclude: ["examples/**"]
fail-on: high
min-severity: medium
rules:
  CW203: {enabled: false}
  CW101: {severity: medium}
ignore:
  - {rule: CW101, paths: ["legacy/**"], resource: aws_s3_bucket.old, reason: "replaced in Q3", expires: 2027-06-30}
trusted-accounts: ["111122223333"]
var-files: ["env/prod.tfvars"]
params: {Environment: prod, Count: 3}
`
	cfg, err := Parse(".configward.yml", []byte(src), known)
	if err != nil {
		t.Fatal(err)
	}
	if *cfg.FailOn != analyzer.High || *cfg.MinSeverity != analyzer.Medium {
		t.Errorf("thresholds: %v %v", *cfg.FailOn, *cfg.MinSeverity)
	}
	if s := cfg.Rules["CW203"]; s.Enabled == nil || *s.Enabled {
		t.Errorf("CW203 = %+v", s)
	}
	if s := cfg.Rules["CW101"]; s.Severity == nil || *s.Severity != analyzer.Medium {
		t.Errorf("CW101 = %+v", s)
	}
	ig := cfg.Ignore[0]
	if ig.Rule != "CW101" || ig.Resource != "aws_s3_bucket.old" || ig.Reason != "replaced in Q3" || ig.Line != 8 {
		t.Errorf("ignore = %+v", ig)
	}
	if !ig.Expired(time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC)) || ig.Expired(time.Date(2027, 6, 30, 12, 0, 0, 0, time.UTC)) {
		t.Error("expiry: the expires day is the last day it suppresses")
	}
	if cfg.Params["Count"] != "3" || cfg.VarFiles[0] != "env/prod.tfvars" || cfg.TrustedAccounts[0] != "111122223333" || cfg.Exclude[0] != "examples/**" {
		t.Errorf("cfg = %+v", cfg)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"fail_on: high\n", `.configward.yml:1: unknown key "fail_on"`},
		{"rules:\n  CW999: {enabled: false}\n", `.configward.yml:2: rules: unknown rule id "CW999"`},
		{"rules:\n  CW101: {enabled: maybe}\n", `.configward.yml:2: rules.CW101.enabled must be true or false`},
		{"rules:\n  CW101: {level: high}\n", `.configward.yml:2: rules.CW101: unknown key "level"`},
		{"fail-on: severe\n", `.configward.yml:1: fail-on: "severe" is not a severity`},
		{"min-severity: none\n", `.configward.yml:1: min-severity: "none" is not a severity`},
		{"exclude: examples\n", `.configward.yml:1: exclude must be a list of strings`},
		{"ignore:\n  - rule: CW101\n", `.configward.yml:2: ignore entry for CW101 without a reason`},
		{"ignore:\n  - {rule: CW101, reason: x, expires: soon}\n", `.configward.yml:2: ignore.expires: "soon" is not a date`},
		{"trusted-accounts: ['1234']\n", `.configward.yml:1: trusted-accounts: "1234" is not a 12-digit account id`},
		{"- a\n- b\n", `.configward.yml:1: the configuration must be a mapping`},
		{"a: [\n", `.configward.yml: line 1`},
	} {
		_, err := Parse(".configward.yml", []byte(tc.src), known)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.src, err, tc.want)
		}
	}
}

func TestEmptyFile(t *testing.T) {
	cfg, err := Parse("c.yml", nil, known)
	if err != nil || cfg.FailOn != nil || len(cfg.Ignore) != 0 {
		t.Errorf("empty config: %+v %v", cfg, err)
	}
}
