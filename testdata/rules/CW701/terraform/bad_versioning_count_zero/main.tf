# The versioning resource exists but has no instance (count = 0): its name
# is taken, so no second aws_s3_bucket_versioning "data" is added; turning
# it on is the author's variable to set.
variable "versioning" {
  type    = bool
  default = false
}

resource "aws_s3_bucket" "data" { # want CW701 `bucket "aws_s3_bucket.data" does not enable versioning`
  bucket = "example-data"
}

resource "aws_s3_bucket_versioning" "data" {
  count  = var.versioning ? 1 : 0
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}
