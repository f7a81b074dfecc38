resource "aws_cloudtrail" "main" { # want CW107 `CloudTrail trail "aws_cloudtrail.main" does not encrypt its log files with a KMS key \(kms_key_id is not set\)`
  name                  = "main"
  s3_bucket_name        = "example-trail-logs"
  is_multi_region_trail = true
}
