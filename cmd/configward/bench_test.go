package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"github.com/configward/configward/analyzer"
	"github.com/configward/configward/analyzer/checker"
	"github.com/configward/configward/cmd/configward/internal/floor"
	"github.com/configward/configward/rules"
)

// The pipeline benchmarks scan generated trees of realistic, mixed inputs:
// CloudFormation templates in YAML and JSON, Terraform modules of three
// files and IAM policies, in the proportions of a typical infrastructure
// repository. BenchmarkParseFloor reads and parses the same files with
// hcl/v2, yaml.v3 and encoding/json on all cores and nothing else: the floor
// the full scan is measured against.

const cfnYAML = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev%[1]d
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Key%[1]d:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
            Action: "kms:*"
            Resource: "*"
  Bucket%[1]d:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "config-${Env}-%[1]d"
      VersioningConfiguration: {Status: Enabled}
  Policy%[1]d:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket%[1]d
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: config.amazonaws.com}
            Action: s3:PutObject
            Resource: !Sub "${Bucket%[1]d.Arn}/AWSLogs/*"
  Role%[1]d:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: config.amazonaws.com}
            Action: sts:AssumeRole
  Channel%[1]d:
    Type: AWS::Config::DeliveryChannel
    Condition: IsProd
    Properties:
      S3BucketName: !Ref Bucket%[1]d
`

const cfnJSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Topic%[1]d": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "t%[1]d"}},
    "Permission%[1]d": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": "f%[1]d", "Principal": "config.amazonaws.com", "SourceAccount": {"Ref": "AWS::AccountId"}}
    },
    "Recorder%[1]d": {"Type": "AWS::Config::ConfigurationRecorder", "Properties": {"RoleARN": {"Fn::GetAtt": ["Role", "Arn"]}}}
  }
}
`

const tfMain = `variable "name" {
  type    = string
  default = "config-%[1]d"
}

locals {
  tags = { team = "platform", module = "m%[1]d" }
}

resource "aws_s3_bucket" "config" {
  bucket = var.name
  tags   = local.tags
}

resource "aws_s3_bucket_versioning" "config" {
  bucket = aws_s3_bucket.config.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}
`

const tfIAM = `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "config" {
  name               = "config-%[1]d"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "delivery" {
  role = aws_iam_role.config.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject"]
      Resource = "${aws_s3_bucket.config.arn}/*"
    }]
  })
}
`

const tfVars = `name = "config-from-tfvars-%[1]d"
`

const policyJSON = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read%[1]d", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b%[1]d", "arn:aws:s3:::b%[1]d/*"]},
    {"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}
  ]
}
`

// genTree writes n files under dir: per 10 files, 3 YAML templates, 1 JSON
// template, 2 policies and one Terraform module of 4 files (.tf x3, tfvars).
func genTree(tb testing.TB, dir string, n int) {
	tb.Helper()
	write := func(name, format string, i int) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(fmt.Sprintf(format, i)), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	for i := 0; i < n; {
		group := fmt.Sprintf("g%04d", i/10)
		for k := 0; k < 3 && i < n; k, i = k+1, i+1 {
			write(fmt.Sprintf("%s/cfn/t%d.yaml", group, i), cfnYAML, i)
		}
		if i < n {
			write(fmt.Sprintf("%s/cfn/t%d.json", group, i), cfnJSON, i)
			i++
		}
		for k := 0; k < 2 && i < n; k, i = k+1, i+1 {
			write(fmt.Sprintf("%s/iam/p%d.json", group, i), policyJSON, i)
		}
		for _, f := range []struct{ name, src string }{{"main.tf", tfMain}, {"iam.tf", tfIAM}, {"outputs.tf", "# module %[1]d\noutput \"bucket\" {\n  value = aws_s3_bucket.config.id\n}\n"}, {"terraform.tfvars", tfVars}} {
			if i < n {
				write(fmt.Sprintf("%s/tf/%s", group, f.name), f.src, i)
				i++
			}
		}
	}
}

var treeSizes = []int{10, 100, 1000, 10000}

func benchTree(b *testing.B, n int) string {
	dir := b.TempDir()
	genTree(b, dir, n)
	flushWrites()
	return dir
}

// scanGC runs a pipeline benchmark with the collector set as the binary
// sets it while scanning (scanGOGC), unless GOGC says otherwise; the floor
// runs with the same setting, so that neither is measured under a setting
// the other does not get.
func scanGC(b *testing.B) {
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(scanGOGC)
		b.Cleanup(func() { debug.SetGCPercent(old) })
	}
}

// benchTrees are the trees the pipeline benchmarks scan: the generated
// ones ("files=N") and the ones shaped like real repositories
// ("real/files=N", see floor.RealTree: modules called from a dozen
// examples and several roots, templates nested from several parents).
func benchTrees() []struct {
	name string
	make func(b *testing.B) string
} {
	var out []struct {
		name string
		make func(b *testing.B) string
	}
	for _, n := range treeSizes {
		out = append(out, struct {
			name string
			make func(b *testing.B) string
		}{fmt.Sprintf("files=%d", n), func(b *testing.B) string { return benchTree(b, n) }})
	}
	for _, n := range realTreeSizes {
		out = append(out, struct {
			name string
			make func(b *testing.B) string
		}{fmt.Sprintf("real/files=%d", n), func(b *testing.B) string { return realBenchTree(b, n, realExamples) }})
	}
	return out
}

var realTreeSizes = []int{100, 1000, 10000}

// realExamples is how many examples call each module of a real-shaped tree.
const realExamples = 12

func realBenchTree(b *testing.B, n, examples int) string {
	dir := b.TempDir()
	if err := floor.RealTree(dir, n, examples); err != nil {
		b.Fatal(err)
	}
	flushWrites()
	return dir
}

// BenchmarkScan is the whole pipeline: discover, classify, parse, evaluate,
// link, every rule, suppressions, fingerprints, sort.
func BenchmarkScan(b *testing.B) {
	scanGC(b)
	all := rules.All()
	for _, tree := range benchTrees() {
		b.Run(tree.name, func(b *testing.B) {
			dir := tree.make(b)
			b.ReportAllocs()
			cpu := startCPU(b)
			for b.Loop() {
				benchScan(b, dir, all)
				cpu.n++
			}
			cpu.report()
		})
	}
}

func benchScan(b *testing.B, dir string, all []*analyzer.Rule) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	res := checker.Scan(root.FS(), ".", "", checker.Options{Rules: all})
	if res.Units == 0 {
		b.Fatal("no units")
	}
}

// BenchmarkParseFloor reads and parses every file of the same trees once
// with the reference parsers on all cores (package floor), and does
// nothing else.
func BenchmarkParseFloor(b *testing.B) {
	scanGC(b)
	for _, tree := range benchTrees() {
		b.Run(tree.name, func(b *testing.B) {
			dir := tree.make(b)
			files, err := floor.Files(dir)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			cpu := startCPU(b)
			for b.Loop() {
				if broken := floor.Parse(files); broken > 0 {
					b.Fatalf("%d files of the tree do not parse", broken)
				}
				cpu.n++
			}
			cpu.report()
		})
	}
}

// cpuMeter reports a benchmark's CPU time per op (cpu-sec/op) beside its
// wall time: on a machine shared with other work the wall time of a
// parallel benchmark swings with the load, its CPU time much less.
type cpuMeter struct {
	b     *testing.B
	start time.Duration
	n     int
}

func startCPU(b *testing.B) *cpuMeter {
	b.ResetTimer()
	return &cpuMeter{b: b, start: cpuTime()}
}

func (m *cpuMeter) report() {
	if used := cpuTime() - m.start; used > 0 && m.n > 0 {
		m.b.ReportMetric(used.Seconds()/float64(m.n), "cpu-sec/op")
	}
}

// TestWriteBenchTree writes a benchmark tree for measuring the binary
// (`/usr/bin/time -v configward scan DIR`, or pairrun against parsefloor),
// generated or, with CONFIGWARD_BENCH_SHAPE=real, shaped like real
// repositories:
// CONFIGWARD_BENCH_TREE=/tmp/tree CONFIGWARD_BENCH_FILES=10000 go test -run TestWriteBenchTree ./cmd/configward
func TestWriteBenchTree(t *testing.T) {
	dir := os.Getenv("CONFIGWARD_BENCH_TREE")
	if dir == "" {
		t.Skip("set CONFIGWARD_BENCH_TREE to write a benchmark tree")
	}
	n, err := strconv.Atoi(os.Getenv("CONFIGWARD_BENCH_FILES"))
	if err != nil {
		t.Fatal("CONFIGWARD_BENCH_FILES: ", err)
	}
	if os.Getenv("CONFIGWARD_BENCH_SHAPE") == "real" {
		if err := floor.RealTree(dir, n, realExamples); err != nil {
			t.Fatal(err)
		}
		return
	}
	genTree(t, dir, n)
}
