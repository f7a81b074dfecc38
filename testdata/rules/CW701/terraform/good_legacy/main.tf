resource "aws_s3_bucket" "data" {
  bucket = "example-data"

  versioning {
    enabled = true
  }
}
