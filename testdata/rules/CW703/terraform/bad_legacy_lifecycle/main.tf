resource "aws_s3_bucket" "config" {
  bucket = "example-config-history"

  lifecycle_rule {
    enabled = true

    expiration {
      days = 30 # want CW703 `expires AWS Config history after 30 days, before the default 2557-day`
    }
  }
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}
