# Buckets made with count: the added aws_s3_bucket_versioning has one
# instance per bucket, each naming its own.
variable "names" {
  type    = list(string)
  default = ["example-a", "example-b"]
}

resource "aws_s3_bucket" "data" { # want CW701 `bucket "aws_s3_bucket.data\[0\]" does not enable versioning` CW701 `bucket "aws_s3_bucket.data\[1\]" does not enable versioning`
  count  = length(var.names)
  bucket = var.names[count.index]
}
