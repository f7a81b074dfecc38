variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" { # want CW701 `bucket "module.logs.aws_s3_bucket.this" does not enable versioning`
  bucket = var.name
}
