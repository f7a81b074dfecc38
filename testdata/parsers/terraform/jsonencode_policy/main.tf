data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

resource "aws_iam_role" "config" {
  name = "config-recorder"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "config.amazonaws.com" }
        Action    = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = data.aws_caller_identity.current.account_id
          }
        }
      },
    ]
  })
}

resource "aws_iam_policy" "delivery" {
  name = "delivery"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Put"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:GetBucketAcl"]
        Resource = "arn:${data.aws_partition.current.partition}:s3:::logs/*"
      },
      {
        Sid      = "Bucket"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = aws_s3_bucket.logs.arn
      },
    ]
  })
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

locals {
  read_statement = {
    Effect   = "Allow"
    Action   = ["s3:GetObject"]
    Resource = "*"
  }
  read_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [local.read_statement]
  })
}

resource "aws_iam_role" "worker" {
  name               = "worker"
  assume_role_policy = data.aws_iam_policy_document.missing.json

  inline_policy {
    name   = "read"
    policy = local.read_policy
  }

  inline_policy {
    name   = "unknown"
    policy = var.unset_policy
  }
}

resource "aws_iam_role_policy" "worker_extra" {
  role   = aws_iam_role.worker.name
  policy = jsonencode({ Statement = [{ Effect = "Deny", NotAction = "s3:*", Resource = "*" }] })
}

variable "unset_policy" {
  type = string
}
