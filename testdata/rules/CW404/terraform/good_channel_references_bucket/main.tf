variable "bucket" {
  type = string
}

resource "aws_s3_bucket" "config" {
  bucket = "example-config-history"
}

resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.bucket
}

resource "aws_config_delivery_channel" "other" {
  name           = "other"
  s3_bucket_name = var.bucket
}
