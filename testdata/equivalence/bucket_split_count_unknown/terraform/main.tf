# A bucket whose count is unknown; its split settings name instance 0.
variable "enabled" {
  type = bool
}

resource "aws_s3_bucket" "logs" {
  count  = var.enabled ? 1 : 0
  bucket = "example-logs"
}

resource "aws_s3_bucket_versioning" "logs" {
  count  = var.enabled ? 1 : 0
  bucket = aws_s3_bucket.logs[0].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  count  = var.enabled ? 1 : 0
  bucket = aws_s3_bucket.logs[0].bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
