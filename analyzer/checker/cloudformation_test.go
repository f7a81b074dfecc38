package checker_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/rules"
)

// ruleSet picks rules by id.
func ruleSet(ids ...string) []*analyzer.Rule {
	var out []*analyzer.Rule
	for _, r := range rules.All() {
		for _, id := range ids {
			if r.ID == id {
				out = append(out, r)
			}
		}
	}
	return out
}

// TestCDKAssembly scans the checked-in CDK assembly (testdata/cdk, made by
// `make fixtures`) with the rules it was written for: the nested stack's template is read
// through its parent only, the Refs and Fn::GetAtts to the stack's own
// resources raise no finding, and each finding names its construct path.
func TestCDKAssembly(t *testing.T) {
	res := checker.Scan(os.DirFS("../../testdata/cdk"), ".", "cdk", checker.Options{Rules: ruleSet("CW001", "CW101", "CW201", "CW202", "CW306")})
	for _, n := range res.Notifications {
		t.Errorf("notification: %+v", n)
	}
	if res.Units != 1 {
		t.Errorf("%d units, want 1: the nested template is part of its parent", res.Units)
	}
	got := map[string]string{}
	for _, f := range res.Findings {
		if f.CDKPath == "" || !strings.HasSuffix(f.Message, "(CDK construct "+f.CDKPath+")") {
			t.Errorf("%s %s: no construct path: %s", f.RuleID, f.Resource, f.Message)
		}
		if strings.Contains(f.Message, "unknown") || strings.Contains(f.Message, "unresolved") || f.RuleID == "CW001" {
			t.Errorf("%s %s: %s", f.RuleID, f.Resource, f.Message)
		}
		got[f.RuleID+" "+f.CDKPath] = f.Range.String()
	}
	for _, want := range []string{
		"CW101 ConfigStack/DeliveryChannel",
		"CW201 ConfigStack/ConfigRole/Resource",
		"CW202 ConfigStack/ConfigBucket/Policy/Resource",
	} {
		if _, ok := got[want]; !ok {
			t.Errorf("no finding %s; got %v", want, got)
		}
	}
	if len(res.Findings) != 3 {
		t.Errorf("%d findings, want 3: %v", len(res.Findings), got)
	}
}

// TestNestedStacks scans a parent template with a local nested stack: the
// child is checked once, through its parent, with the parameters the parent
// passes; a template path leaving the scanned directory is a CW001.
func TestNestedStacks(t *testing.T) {
	parent := `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Config:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: stacks/config.yaml
      Parameters: {Env: prod}
  Escape:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../secret.yaml
`
	child := `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Channel:
    Type: AWS::Config::DeliveryChannel
    Condition: IsProd
    Properties:
      S3BucketName: config-history
`
	fsys := fstest.MapFS{"parent.yaml": {Data: []byte(parent)}, "stacks/config.yaml": {Data: []byte(child)}}
	res := checker.Scan(fsys, ".", "", checker.Options{Rules: ruleSet("CW001", "CW101")})
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.RuleID+" "+f.Resource+" "+f.Range.String())
	}
	want := []string{
		"CW001  parent.yaml:11:20-11:34",
		"CW101 Config/Channel stacks/config.yaml:7:3-7:10",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Units != 1 {
		t.Errorf("%d units, want 1", res.Units)
	}

	// Two parents nesting the same template with the same parameters: one
	// finding in the child, listing both nested stacks.
	fsys["other.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(parent, "  Config:", "  Audit:", 1))}
	res = checker.Scan(fsys, ".", "", checker.Options{Rules: ruleSet("CW101")})
	if len(res.Findings) != 1 {
		t.Fatalf("findings: %v", res.Findings)
	}
	var inst []string
	for _, in := range res.Findings[0].Instances {
		for _, c := range in.Calls {
			inst = append(inst, fmt.Sprintf("%s via %s at %s", in.Address, c.Address, c.Range))
		}
	}
	wantInst := "Audit/Channel via Audit at other.yaml:3:3-3:8|Config/Channel via Config at parent.yaml:3:3-3:9"
	if strings.Join(inst, "|") != wantInst {
		t.Errorf("instances %q, want %q", strings.Join(inst, "|"), wantInst)
	}

	// Past the bytes a root holds for the templates that may be nested
	// (a megabyte of other templates read first), the child may be
	// checked on its own before its parents read it: the same finding,
	// and its own unit still dropped.
	filler := "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: k\nDescription: " + strings.Repeat("x", 16<<10) + "\n"
	for i := range 64 {
		fsys[fmt.Sprintf("a/fill%02d.yaml", i)] = &fstest.MapFile{Data: []byte(filler)}
	}
	res = checker.Scan(fsys, ".", "", checker.Options{Rules: ruleSet("CW001", "CW101")})
	got = nil
	for _, f := range res.Findings {
		got = append(got, f.RuleID+" "+f.Range.String()+" "+fmt.Sprint(len(f.Instances)))
	}
	if want := "CW001 other.yaml:11:20-11:34 0|CW001 parent.yaml:11:20-11:34 0|CW101 stacks/config.yaml:7:3-7:10 2"; strings.Join(got, "|") != want {
		t.Errorf("with fillers, findings %q, want %q", strings.Join(got, "|"), want)
	}
	if res.Units != 66 {
		t.Errorf("with fillers, %d units, want 66 (the child's dropped)", res.Units)
	}
}
