resource "aws_kms_key" "trail" {
  enable_key_rotation = true
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-trail-logs"
  kms_key_id     = aws_kms_key.trail.arn
}
