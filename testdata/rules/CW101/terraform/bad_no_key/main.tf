resource "aws_s3_bucket" "config" {
  bucket = "config-history"
}

resource "aws_config_delivery_channel" "main" { # want CW101 `delivery channel "aws_config_delivery_channel.main" does not set s3_kms_key_arn`
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}
