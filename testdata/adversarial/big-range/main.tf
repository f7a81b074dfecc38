locals {
  huge = range(1e9)
}

resource "aws_s3_bucket" "b" {
  count  = length(local.huge)
  bucket = "b"
}
