resource "aws_s3_bucket" "config" {
  bucket              = "example-config-history"
  object_lock_enabled = true
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}

resource "aws_s3_bucket" "archive" {
  bucket              = "example-archive"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 30
    }
  }
}
