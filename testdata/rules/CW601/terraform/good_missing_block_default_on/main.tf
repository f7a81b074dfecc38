resource "aws_s3_bucket" "config" {
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
