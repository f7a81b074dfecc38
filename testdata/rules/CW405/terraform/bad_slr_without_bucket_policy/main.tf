data "aws_caller_identity" "current" {}

resource "aws_iam_service_linked_role" "config" {
  aws_service_name = "config.amazonaws.com"
}

resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = aws_iam_service_linked_role.config.arn
}

resource "aws_s3_bucket" "config" { # want CW405 `delivers as the AWS Config service principal .*, but its bucket "aws_s3_bucket.config" has no bucket policy that lets config.amazonaws.com write`
  bucket = "example-config-history"
}

resource "aws_kms_key" "config" {
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "config" {
  key_id = aws_kms_key.config.id
  policy = jsonencode({ # want CW405 `the policy of key "aws_kms_key.config" does not allow config.amazonaws.com kms:GenerateDataKey`
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
  s3_kms_key_arn = aws_kms_key.config.arn
}
