provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = var.us_region
}

variable "us_region" {
  default = "us-east-1"
}

variable "env" {
  default = "prod"
}

locals {
  buckets = {
    logs    = "acme-${var.env}-logs"
    archive = "acme-${var.env}-archive"
  }
}

# Called twice: each call has its own address and inputs.
module "logs" {
  source      = "./modules/bucket"
  bucket_name = local.buckets.logs
  encrypt     = true
}

module "archive" {
  source      = "./modules/bucket"
  bucket_name = local.buckets.archive
  encrypt     = false
  providers = {
    aws = aws.us
  }
}

# for_each over a map on a module call.
module "per_env" {
  source      = "./modules/bucket"
  for_each    = { dev = "acme-dev", qa = "acme-qa" }
  bucket_name = each.value
  encrypt     = each.key == "qa"
}

# Three levels: audit -> kms.
module "audit" {
  source = "./modules/audit"
  prefix = "acme"
}

# A registry module installed by terraform init.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  name    = "main"
}

# A registry module that was not installed.
module "missing" {
  source = "terraform-aws-modules/iam/aws"
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = module.logs.bucket_name
  s3_kms_key_arn = module.audit.key_arn
  sns_topic_arn  = module.missing.topic_arn
}

resource "aws_sns_topic" "vpc" {
  name = module.vpc.name_tag
}
