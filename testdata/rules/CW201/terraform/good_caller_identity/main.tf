data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

variable "region" {
  type    = string
  default = "eu-west-1"
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "config" {
  name               = "config-recorder"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role" "remediation" {
  name = "config-remediation"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ssm.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        ArnLike = { "aws:SourceArn" = "arn:${data.aws_partition.current.partition}:ssm:${var.region}:111122223333:*" }
      }
    }]
  })
}

resource "aws_iam_role" "literal" {
  name               = "config-literal"
  assume_role_policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Service": "config.amazonaws.com"},
    "Action": "sts:AssumeRole",
    "Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"}}
  }]
}
POLICY
}
