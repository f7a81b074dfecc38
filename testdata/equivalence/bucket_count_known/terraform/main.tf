# Two buckets by count; the split versioning names instance 0 only.
resource "aws_s3_bucket" "this" {
  count  = 2
  bucket = "example-${count.index}"
}

resource "aws_s3_bucket_versioning" "first" {
  bucket = aws_s3_bucket.this[0].id
  versioning_configuration {
    status = "Enabled"
  }
}
