resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = false # want CW502 `trail "aws_cloudtrail.main" does not enable log file validation \(enable_log_file_validation\)`
}
