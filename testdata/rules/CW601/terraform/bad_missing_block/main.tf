resource "aws_s3_bucket" "config" { # want CW601 `bucket "aws_s3_bucket.config" has no public access block, and no account-level block in this set.*delivery bucket`
  bucket = "example-config-history"
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}

resource "aws_s3_account_public_access_block" "partial" {
  block_public_acls   = true
  block_public_policy = true
}
