# The bucket settings in the legacy inline blocks of aws_s3_bucket.
resource "aws_s3_bucket" "site" {
  bucket = "example-site"
  acl    = "public-read"

  versioning {
    enabled = false
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "site" {
  bucket = aws_s3_bucket.site.id
  rule {
    object_ownership = "ObjectWriter"
  }
}
