package floor

import (
	"fmt"
	"os"
	"path/filepath"
)

// RealTree writes a tree shaped like real infrastructure repositories under
// dir, in families of FamilyFiles(examples) files each, about n files in
// all (at least one family). Each family has:
//
//   - a published-module layout: a root module (four files) with three
//     submodules, two of which it calls, and `examples` examples that each
//     call the module through "../../" (every third one also calls a
//     submodule through "../../modules/role");
//   - three root modules (dev, stage, prod) that call the module and a
//     submodule, with a terraform.tfvars each;
//   - CloudFormation: three application stacks that each nest the same two
//     shared templates through relative TemplateURLs;
//   - two IAM policies.
//
// So a module is called from many places and a template nested from
// several parents, which is where a scan that parses per call falls away
// from the parse floor.
func RealTree(dir string, n, examples int) error {
	families := max(1, n/FamilyFiles(examples))
	for k := range families {
		if err := writeFamily(filepath.Join(dir, fmt.Sprintf("fam%04d", k)), k, examples); err != nil {
			return err
		}
	}
	return nil
}

// FamilyFiles is the number of files of one family of RealTree.
func FamilyFiles(examples int) int { return 4 + 9 + 2*examples + 6 + 5 + 2 }

func writeFamily(dir string, k, examples int) error {
	files := map[string]string{
		"module/main.tf":                fmt.Sprintf(moduleMain, k),
		"module/variables.tf":           moduleVariables,
		"module/outputs.tf":             moduleOutputs,
		"module/versions.tf":            moduleVersions,
		"module/modules/policy/main.tf": policyMain,
		"module/modules/policy/variables.tf": `variable "bucket" { type = string }
variable "bucket_arn" { type = string }
variable "readers" {
  type    = list(string)
  default = []
}
`,
		"module/modules/policy/outputs.tf": `output "json" { value = data.aws_iam_policy_document.this.json }
`,
		"module/modules/logs/main.tf": logsMain,
		"module/modules/logs/variables.tf": `variable "bucket" { type = string }
variable "target" { type = string }
variable "prefix" {
  type    = string
  default = "logs/"
}
`,
		"module/modules/logs/outputs.tf": `output "id" { value = aws_s3_bucket_logging.this.id }
`,
		"module/modules/role/main.tf": roleMain,
		"module/modules/role/variables.tf": `variable "name" { type = string }
variable "service" {
  type    = string
  default = "config.amazonaws.com"
}
variable "bucket_arn" { type = string }
`,
		"module/modules/role/outputs.tf": `output "arn" { value = aws_iam_role.this.arn }
`,
		"cfn/shared/bucket.yaml": cfnSharedBucket,
		"cfn/shared/role.yaml":   cfnSharedRole,
		"iam/read.json":          fmt.Sprintf(iamRead, k),
		"iam/trust.json":         iamTrust,
	}
	for i := range examples {
		e := fmt.Sprintf("module/examples/e%02d/", i)
		extra := ""
		if i%3 == 0 {
			extra = fmt.Sprintf(exampleRole, k, i)
		}
		files[e+"main.tf"] = fmt.Sprintf(exampleMain, k, i, i%2 == 0) + extra
		files[e+"outputs.tf"] = "output \"bucket\" { value = module.bucket.id }\n"
	}
	for _, env := range []string{"dev", "stage", "prod"} {
		files["live/"+env+"/main.tf"] = fmt.Sprintf(liveMain, env)
		files["live/"+env+"/terraform.tfvars"] = fmt.Sprintf("name = \"fam%d-%s\"\nlogging_target = \"fam%d-logs\"\n", k, env, k)
	}
	for p := range 3 {
		files[fmt.Sprintf("cfn/stacks/app%d.yaml", p)] = fmt.Sprintf(cfnApp, k, p)
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			return err
		}
	}
	return nil
}

const moduleMain = `locals {
  create = var.create
  tags   = merge(var.tags, { family = "fam%[1]d", managed_by = "terraform" })
  rules  = { for r in var.lifecycle_rules : r.id => r }
}

resource "aws_kms_key" "this" {
  count                   = local.create && var.kms_key_arn == null ? 1 : 0
  description             = "Key for ${var.name}"
  enable_key_rotation     = true
  deletion_window_in_days = 10
  tags                    = local.tags
}

resource "aws_s3_bucket" "this" {
  count         = local.create ? 1 : 0
  bucket        = var.name
  force_destroy = var.force_destroy
  tags          = local.tags
}

resource "aws_s3_bucket_versioning" "this" {
  count  = local.create ? 1 : 0
  bucket = aws_s3_bucket.this[0].id
  versioning_configuration {
    status = var.versioning ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count  = local.create ? 1 : 0
  bucket = aws_s3_bucket.this[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = coalesce(var.kms_key_arn, try(aws_kms_key.this[0].arn, null))
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  count                   = local.create ? 1 : 0
  bucket                  = aws_s3_bucket.this[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count  = local.create && length(local.rules) > 0 ? 1 : 0
  bucket = aws_s3_bucket.this[0].id
  dynamic "rule" {
    for_each = local.rules
    content {
      id     = rule.key
      status = "Enabled"
      expiration {
        days = rule.value.days
      }
    }
  }
}

module "policy" {
  source     = "./modules/policy"
  bucket     = try(aws_s3_bucket.this[0].id, "")
  bucket_arn = try(aws_s3_bucket.this[0].arn, "")
  readers    = var.readers
}

resource "aws_s3_bucket_policy" "this" {
  count  = local.create && var.attach_policy ? 1 : 0
  bucket = aws_s3_bucket.this[0].id
  policy = module.policy.json
}

module "logs" {
  count  = var.logging_target != "" ? 1 : 0
  source = "./modules/logs"
  bucket = try(aws_s3_bucket.this[0].id, "")
  target = var.logging_target
}
`

const moduleVariables = `variable "create" {
  description = "Whether to create the bucket"
  type        = bool
  default     = true
}

variable "name" {
  description = "Bucket name"
  type        = string
}

variable "force_destroy" {
  type    = bool
  default = false
}

variable "versioning" {
  type    = bool
  default = true
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "attach_policy" {
  type    = bool
  default = true
}

variable "readers" {
  type    = list(string)
  default = []
}

variable "logging_target" {
  type    = string
  default = ""
}

variable "lifecycle_rules" {
  type = list(object({
    id   = string
    days = number
  }))
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
`

const moduleOutputs = `output "id" {
  value = try(aws_s3_bucket.this[0].id, "")
}

output "arn" {
  value = try(aws_s3_bucket.this[0].arn, "")
}

output "kms_key_arn" {
  value = try(aws_kms_key.this[0].arn, var.kms_key_arn)
}
`

const moduleVersions = `terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}
`

const policyMain = `data "aws_iam_policy_document" "this" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [var.bucket_arn, "${var.bucket_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  dynamic "statement" {
    for_each = length(var.readers) > 0 ? [1] : []
    content {
      sid       = "Readers"
      actions   = ["s3:GetObject", "s3:ListBucket"]
      resources = [var.bucket_arn, "${var.bucket_arn}/*"]
      principals {
        type        = "AWS"
        identifiers = var.readers
      }
    }
  }
}
`

const logsMain = `resource "aws_s3_bucket_logging" "this" {
  bucket        = var.bucket
  target_bucket = var.target
  target_prefix = "${var.prefix}${var.bucket}/"
}
`

const roleMain = `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [var.service]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["111122223333"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy_attachment" "config" {
  role       = aws_iam_role.this.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"
}

resource "aws_iam_role_policy" "delivery" {
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:PutObjectAcl"]
      Resource = "${var.bucket_arn}/AWSLogs/*"
    }, {
      Effect   = "Allow"
      Action   = "s3:GetBucketAcl"
      Resource = var.bucket_arn
    }]
  })
}
`

const exampleMain = `provider "aws" {
  region = "eu-west-1"
}

module "bucket" {
  source = "../../"

  name           = "fam%[1]d-example-%[2]d"
  versioning     = %[3]t
  readers        = ["arn:aws:iam::111122223333:role/reader-%[2]d"]
  logging_target = "fam%[1]d-logs"
  lifecycle_rules = [
    { id = "expire", days = 365 },
  ]
  tags = { example = "%[2]d" }
}
`

const exampleRole = `
module "role" {
  source     = "../../modules/role"
  name       = "fam%[1]d-config-%[2]d"
  bucket_arn = module.bucket.arn
}
`

const liveMain = `variable "name" { type = string }
variable "logging_target" { type = string }

module "bucket" {
  source         = "../../module"
  name           = var.name
  logging_target = var.logging_target
  tags           = { env = "%[1]s" }
}

module "config_role" {
  source     = "../../module/modules/role"
  name       = "${var.name}-config"
  bucket_arn = module.bucket.arn
}
`

const cfnSharedBucket = `AWSTemplateFormatVersion: "2010-09-09"
Description: Shared bucket stack, nested by the application stacks.
Parameters:
  BucketName: {Type: String}
  KeyArn: {Type: String, Default: ""}
Conditions:
  HasKey: !Not [!Equals [!Ref KeyArn, ""]]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref BucketName
      VersioningConfiguration: {Status: Enabled}
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !If [HasKey, "aws:kms", AES256]
              KMSMasterKeyID: !If [HasKey, !Ref KeyArn, !Ref "AWS::NoValue"]
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]
            Condition: {Bool: {"aws:SecureTransport": "false"}}
Outputs:
  BucketName: {Value: !Ref Bucket}
  BucketArn: {Value: !GetAtt Bucket.Arn}
`

const cfnSharedRole = `AWSTemplateFormatVersion: "2010-09-09"
Description: Shared AWS Config role stack, nested by the application stacks.
Parameters:
  BucketArn: {Type: String}
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: config.amazonaws.com}
            Action: sts:AssumeRole
            Condition: {StringEquals: {"aws:SourceAccount": !Ref "AWS::AccountId"}}
      ManagedPolicyArns:
        - !Sub "arn:${AWS::Partition}:iam::aws:policy/service-role/AWS_ConfigRole"
      Policies:
        - PolicyName: delivery
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [s3:PutObject, s3:PutObjectAcl]
                Resource: !Sub "${BucketArn}/AWSLogs/*"
              - Effect: Allow
                Action: s3:GetBucketAcl
                Resource: !Ref BucketArn
Outputs:
  RoleArn: {Value: !GetAtt Role.Arn}
`

const cfnApp = `AWSTemplateFormatVersion: "2010-09-09"
Description: Application stack %[2]d of family %[1]d.
Parameters:
  Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
Resources:
  Storage:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../shared/bucket.yaml
      Parameters:
        BucketName: !Sub "fam%[1]d-app%[2]d-${Env}"
  ConfigRole:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../shared/role.yaml
      Parameters:
        BucketArn: !GetAtt Storage.Outputs.BucketArn
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: !GetAtt ConfigRole.Outputs.RoleArn
      RecordingGroup: {AllSupported: true, IncludeGlobalResourceTypes: true}
  Channel:
    Type: AWS::Config::DeliveryChannel
    Properties:
      S3BucketName: !GetAtt Storage.Outputs.BucketName
`

const iamRead = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read%[1]d", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::fam%[1]d", "arn:aws:s3:::fam%[1]d/*"]}
  ]
}
`

const iamTrust = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}
  ]
}
`
