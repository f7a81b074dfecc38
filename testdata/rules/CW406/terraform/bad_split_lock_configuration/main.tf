resource "aws_s3_bucket" "config" {
  bucket              = "example-config-history"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "config" {
  bucket = aws_s3_bucket.config.id
  rule {
    default_retention { # want CW406 `bucket "aws_s3_bucket.config", the AWS Config delivery bucket of delivery channel "aws_config_delivery_channel.main", has an Object Lock default retention`
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}
