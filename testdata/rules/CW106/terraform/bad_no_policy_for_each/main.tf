# Buckets made with for_each and no policy: the new aws_s3_bucket_policy
# chains the for_each, each instance naming its bucket.
resource "aws_s3_bucket" "data" { # want CW106 `bucket "aws_s3_bucket.data\[\\"a\\"\]" has no bucket policy` CW106 `bucket "aws_s3_bucket.data\[\\"b\\"\]" has no bucket policy`
  for_each = toset(["a", "b"])
  bucket   = "example-${each.key}"
}
