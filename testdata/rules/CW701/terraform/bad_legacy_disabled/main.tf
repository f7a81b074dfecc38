resource "aws_s3_bucket" "data" {
  bucket = "example-data"

  versioning {
    enabled = false # want CW701 `bucket "aws_s3_bucket.data" has versioning "Suspended", not "Enabled"`
  }
}

resource "aws_s3_bucket" "split" {
  bucket = "example-split"
}

resource "aws_s3_bucket_versioning" "split" {
  bucket = aws_s3_bucket.split.id
  versioning_configuration {
    status = "Disabled" # want CW701 `bucket "aws_s3_bucket.split" has versioning "Disabled"`
  }
}
