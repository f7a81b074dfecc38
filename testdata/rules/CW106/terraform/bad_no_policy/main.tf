resource "aws_s3_bucket" "data" { # want CW106 `bucket "aws_s3_bucket.data" has no bucket policy`
  bucket = "example-data"
}
