resource "aws_s3_bucket" "logs" {
  bucket = "acme-config-logs"

  versioning {
    enabled = false
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket" "other" {
  bucket = "acme-other"

  versioning {
    enabled = true
  }
}
