package terraform

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// bigModule writes a module of n resources of the kinds the rules read:
// buckets with split encryption and policies, topics, delivery channels,
// with variables, locals and for_each.
func bigModule(n int) string {
	var b strings.Builder
	b.WriteString(`variable "env" {
  default = "prod"
}

locals {
  prefix = "acme-${var.env}"
  tags   = { env = var.env, team = "security" }
}
`)
	for i := 0; i < n/4; i++ {
		fmt.Fprintf(&b, `
resource "aws_s3_bucket" "b%[1]d" {
  bucket = "${local.prefix}-%[1]d"
  tags   = local.tags
}

resource "aws_s3_bucket_server_side_encryption_configuration" "b%[1]d" {
  bucket = aws_s3_bucket.b%[1]d.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_policy" "b%[1]d" {
  bucket = aws_s3_bucket.b%[1]d.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.b%[1]d.arn}/AWSLogs/*"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
  })
}

resource "aws_config_delivery_channel" "c%[1]d" {
  name           = "channel-%[1]d"
  s3_bucket_name = aws_s3_bucket.b%[1]d.bucket
  s3_kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/%[1]d"
}
`, i)
	}
	return b.String()
}

// BenchmarkModule200 evaluates one module of 200 resources.
func BenchmarkModule200(b *testing.B) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(bigModule(200))}}
	b.ReportAllocs()
	for b.Loop() {
		u := ParseModule(fsys, ".", Options{})
		if len(u.Resources) != 200 || len(u.Diagnostics) != 0 {
			b.Fatalf("%d resources, %v", len(u.Resources), u.Diagnostics)
		}
	}
}

// BenchmarkModuleTree3 evaluates a root module calling a module twice,
// each calling a module with for_each over three keys, each calling a leaf
// module: 2 + 6 + 6 module instances over three levels.
func BenchmarkModuleTree3(b *testing.B) {
	leaf := `variable "name" { type = string }
resource "aws_s3_bucket" "this" { bucket = var.name }
resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration { status = "Enabled" }
}
output "bucket" { value = aws_s3_bucket.this.bucket }
output "name" { value = var.name }
`
	mid := `variable "prefix" { type = string }
module "leaf" {
  source   = "../leaf"
  for_each = toset(["a", "b", "c"])
  name     = "${var.prefix}-${each.key}"
}
resource "aws_sns_topic" "t" { name = "${var.prefix}-topic" }
output "names" { value = [for k, m in module.leaf : m.name] }
`
	top := `module "one" {
  source = "./modules/mid"
  prefix = "one"
}
module "two" {
  source = "./modules/mid"
  prefix = "two"
}
resource "aws_config_delivery_channel" "c" {
  name           = "default"
  s3_bucket_name = module.one.names[0]
}
` + bigModule(40)
	fsys := fstest.MapFS{
		"main.tf":              {Data: []byte(top)},
		"modules/mid/main.tf":  {Data: []byte(mid)},
		"modules/leaf/main.tf": {Data: []byte(leaf)},
	}
	b.ReportAllocs()
	for b.Loop() {
		u := ParseModule(fsys, ".", Options{})
		if len(u.Resources) != 40+1+2+12 || len(u.Diagnostics) != 0 {
			b.Fatalf("%d resources, %v", len(u.Resources), u.Diagnostics)
		}
	}
}
