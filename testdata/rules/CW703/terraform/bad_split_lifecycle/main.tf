resource "aws_s3_bucket" "config" {
  bucket = "example-config-history"
}

resource "aws_s3_bucket_lifecycle_configuration" "config" {
  bucket = aws_s3_bucket.config.id

  rule {
    id     = "expire"
    status = "Enabled"

    filter {
      prefix = "AWSLogs/"
    }

    expiration {
      days = 400 # want CW703 `a lifecycle rule of bucket "aws_s3_bucket.config" expires AWS Config history after 400 days, before the 730-day retention period of "aws_config_retention_configuration.main"`
    }
  }
}

resource "aws_config_retention_configuration" "main" {
  retention_period_in_days = 730
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}
