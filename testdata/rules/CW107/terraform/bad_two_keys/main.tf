# Two keys: which one encrypts the trail is the author's choice, so no fix.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "trail" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Admin"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudTrailEncrypt"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "kms:GenerateDataKey*"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_kms_key" "other" {
  enable_key_rotation = true
}

resource "aws_cloudtrail" "main" { # want CW107 `CloudTrail trail "aws_cloudtrail.main" does not encrypt its log files with a KMS key \(kms_key_id is not set\)`
  name                  = "main"
  s3_bucket_name        = "example-trail-logs"
  is_multi_region_trail = true
}
