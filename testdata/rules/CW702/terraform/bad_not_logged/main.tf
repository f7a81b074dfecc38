resource "aws_s3_bucket" "config" { # want CW702 `bucket "aws_s3_bucket.config" has no server access logging, and no CloudTrail trail in this set logs its S3 data events`
  bucket = "example-config-history"
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}
