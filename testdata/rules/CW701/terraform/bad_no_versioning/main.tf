resource "aws_s3_bucket" "config" { # want CW701 `bucket "aws_s3_bucket.config" does not enable versioning.*delivery bucket of delivery channel "aws_config_delivery_channel.main"`
  bucket = "example-config-history"
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}
