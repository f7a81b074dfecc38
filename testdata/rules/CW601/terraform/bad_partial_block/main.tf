resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = false # want CW601 `bucket "aws_s3_bucket.data" does not turn on ignore_public_acls of its public access block`
  restrict_public_buckets = true
}
