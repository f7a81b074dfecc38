variable "kms_key_arn" {
  type = string
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "config-history"
  s3_kms_key_arn = var.kms_key_arn
}
