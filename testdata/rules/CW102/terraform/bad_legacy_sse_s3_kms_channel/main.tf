resource "aws_kms_key" "config" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "config" {
  bucket = "example-config-history"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256" # want CW102 `SSE-S3 \(AES256\) although its delivery channel "aws_config_delivery_channel.main" encrypts with a KMS key`
      }
    }
  }
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
  s3_kms_key_arn = aws_kms_key.config.arn
}
