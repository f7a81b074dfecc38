# Buckets made with for_each: the added aws_s3_bucket_versioning chains the
# for_each, each instance naming its bucket through each.value.
resource "aws_s3_bucket" "data" { # want CW701 `bucket "aws_s3_bucket.data\[\\"a\\"\]" does not enable versioning` CW701 `bucket "aws_s3_bucket.data\[\\"b\\"\]" does not enable versioning`
  for_each = toset(["a", "b"])
  bucket   = "example-${each.key}"
}
