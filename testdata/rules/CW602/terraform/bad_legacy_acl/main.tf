resource "aws_s3_bucket" "config" {
  bucket = "example-config-history"
  acl    = "log-delivery-write" # want CW602 `bucket "aws_s3_bucket.config" sets an ACL and no object ownership BucketOwnerEnforced`
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}
