resource "aws_kms_key" "config" {
  enable_key_rotation = true
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "config-history"
  s3_kms_key_arn = aws_kms_key.config.arn
}
