package link_test

import (
	"testing"
	"testing/fstest"

	"github.com/configward/configward/parsers/cloudformation"
	"github.com/configward/configward/parsers/model"
	"github.com/configward/configward/parsers/terraform"
)

func module(t *testing.T, src string) *model.Unit {
	t.Helper()
	u := terraform.ParseModule(fstest.MapFS{"main.tf": {Data: []byte(src)}}, ".", terraform.Options{})
	for _, d := range u.Diagnostics {
		t.Fatalf("diagnostic: %s: %s", d.Range, d.Summary)
	}
	return u
}

func template(t *testing.T, src string) *model.Unit {
	t.Helper()
	u, ok := cloudformation.Parse("template.yaml", []byte(src), cloudformation.Options{})
	if !ok || u == nil {
		t.Fatal("not a template")
	}
	for _, d := range u.Diagnostics {
		t.Fatalf("diagnostic: %s: %s", d.Range, d.Summary)
	}
	return u
}

// A status that names instance 0 of a recorder whose count is unknown
// links to the recorder's unknown instances.
func TestIndexIntoUnknownCount(t *testing.T) {
	u := module(t, `
variable "enabled" { type = bool }
resource "aws_config_configuration_recorder" "this" {
  count    = var.enabled ? 1 : 0
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"
}
resource "aws_config_configuration_recorder_status" "this" {
  count      = var.enabled ? 1 : 0
  name       = aws_config_configuration_recorder.this[0].name
  is_enabled = true
}
resource "aws_s3_bucket" "this" {
  count  = var.enabled ? 1 : 0
  bucket = "logs"
}
resource "aws_s3_bucket_versioning" "this" {
  count  = var.enabled ? 1 : 0
  bucket = aws_s3_bucket.this[0].id
  versioning_configuration { status = "Enabled" }
}
`)
	rec := u.Entities.Recorders[0]
	if rec.Address != "aws_config_configuration_recorder.this[*]" || rec.Status == nil {
		t.Fatalf("recorder %s status %v", rec.Address, rec.Status)
	}
	if on, ok := rec.IsEnabled.AsBool(); !ok || !on || rec.IsEnabled.Path != "status.is_enabled" || rec.IsEnabled.Holder != rec.Status {
		t.Errorf("is_enabled: %+v", rec.IsEnabled)
	}
	b := u.Entities.Buckets[0]
	if s, _ := b.VersioningStatus.AsString(); s != "Enabled" || b.VersioningStatus.Holder.Type != "aws_s3_bucket_versioning" {
		t.Errorf("versioning: %+v", b.VersioningStatus)
	}
}

// Every instance of a known expansion links to its own split setting.
func TestKnownExpansion(t *testing.T) {
	u := module(t, `
resource "aws_s3_bucket" "this" {
  for_each = toset(["a", "b"])
  bucket   = "logs-${each.key}"
}
resource "aws_s3_bucket_versioning" "this" {
  for_each = aws_s3_bucket.this
  bucket   = each.value.id
  versioning_configuration { status = each.key == "a" ? "Enabled" : "Suspended" }
}
`)
	got := map[string]string{}
	for _, b := range u.Entities.Buckets {
		got[b.Address], _ = b.VersioningStatus.AsString()
	}
	if got[`aws_s3_bucket.this["a"]`] != "Enabled" || got[`aws_s3_bucket.this["b"]`] != "Suspended" {
		t.Errorf("versioning by instance: %v", got)
	}
}

// A split setting whose bucket cannot be told makes the setting unknown on
// every bucket it may belong to; one of a known other bucket changes none.
func TestUnknownSplitTarget(t *testing.T) {
	u := module(t, `
variable "bucket" { type = string }
resource "aws_s3_bucket" "a" { bucket = "a" }
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_versioning" "ext" {
  bucket = var.bucket
  versioning_configuration { status = "Enabled" }
}
resource "aws_s3_bucket_public_access_block" "other" {
  bucket            = "someone-elses"
  block_public_acls = true
}
`)
	for _, b := range u.Entities.Buckets {
		if !b.VersioningStatus.IsUnknown() {
			t.Errorf("%s versioning %+v, want unknown", b.Address, b.VersioningStatus.Value)
		}
		if !b.AccessBlock.Block.Absent() {
			t.Errorf("%s public access block %+v, want absent", b.Address, b.AccessBlock.Block.Value)
		}
	}
}

// Bucket names and ARNs link in every partition.
func TestPartitions(t *testing.T) {
	for _, arn := range []string{"config-logs", "arn:aws:s3:::config-logs", "arn:aws-cn:s3:::config-logs", "arn:aws-us-gov:s3:::config-logs"} {
		u := template(t, `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: config-logs}
  Channel:
    Type: AWS::Config::DeliveryChannel
    Properties: {S3BucketName: config-logs}
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: `+arn+`
      PolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: config.amazonaws.com}, Action: s3:PutObject, Resource: "*"}]}
`)
		if b := u.Entities.Buckets[0]; len(b.Policies) != 1 || len(b.DeliveryChannels) != 1 {
			t.Errorf("%s: policies %d channels %d", arn, len(b.Policies), len(b.DeliveryChannels))
		}
	}
	// Not an ARN of a partition: no link.
	u := template(t, `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: config-logs}
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: arn:aws-xx:s3:::config-logs
      PolicyDocument: {Statement: [{Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: "*"}]}
`)
	if len(u.Entities.Buckets[0].Policies) != 0 || len(u.Entities.UnlinkedBucketPolicies) != 1 {
		t.Error("a bucket linked by an ARN of no partition")
	}
}

// A role links by its name or a ":role/" ARN only, in both formats.
func TestRoleByRolePathOnly(t *testing.T) {
	for _, c := range []struct {
		arn  string
		want bool
	}{
		{"config", true},
		{"arn:aws:iam::111122223333:role/config", true},
		{"arn:aws-us-gov:iam::111122223333:role/service/config", true},
		{"arn:aws:iam::111122223333:user/config", false},
		{"arn:aws:iam::111122223333:instance-profile/config", false},
	} {
		u := module(t, `
resource "aws_iam_role" "config" {
  name               = "config"
  assume_role_policy = jsonencode({Statement = [{Effect = "Allow", Principal = {Service = "config.amazonaws.com"}, Action = "sts:AssumeRole"}]})
}
resource "aws_config_configuration_recorder" "r" { role_arn = "`+c.arn+`" }
`)
		if got := u.Entities.Recorders[0].Role != nil; got != c.want {
			t.Errorf("terraform %s: linked %v, want %v", c.arn, got, c.want)
		}
		v := template(t, `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: config
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: config.amazonaws.com}, Action: sts:AssumeRole}]}
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties: {RoleARN: "`+c.arn+`"}
`)
		if got := v.Entities.Recorders[0].Role != nil; got != c.want {
			t.Errorf("cloudformation %s: linked %v, want %v", c.arn, got, c.want)
		}
	}
}

// Two candidates make a link unknown, in both formats.
func TestAmbiguous(t *testing.T) {
	u := module(t, `
resource "aws_s3_bucket" "a" { bucket = "logs" }
resource "aws_s3_bucket" "b" { bucket = "logs" }
resource "aws_config_delivery_channel" "c" { s3_bucket_name = "logs" }
resource "aws_s3_bucket_versioning" "v" {
  bucket = "logs"
  versioning_configuration { status = "Enabled" }
}
`)
	if u.Entities.DeliveryChannels[0].Bucket != nil {
		t.Error("terraform: channel linked to one of two buckets of the same name")
	}
	for _, b := range u.Entities.Buckets {
		if !b.VersioningStatus.IsUnknown() {
			t.Errorf("terraform: %s versioning %+v, want unknown", b.Address, b.VersioningStatus.Value)
		}
	}
	v := template(t, `
Resources:
  A: {Type: AWS::S3::Bucket, Properties: {BucketName: logs}}
  B: {Type: AWS::S3::Bucket, Properties: {BucketName: logs}}
  Channel: {Type: AWS::Config::DeliveryChannel, Properties: {S3BucketName: logs}}
`)
	if v.Entities.DeliveryChannels[0].Bucket != nil {
		t.Error("cloudformation: channel linked to one of two buckets of the same name")
	}
}
