resource "aws_s3_bucket" "config" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket" "unencrypted" {
  bucket = "acme-unencrypted"
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
  s3_kms_key_arn = aws_kms_key.config.arn
}
