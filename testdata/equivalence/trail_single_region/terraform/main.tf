# A trail of one Region, without log file validation or a key.
resource "aws_cloudtrail" "trail" {
  name                       = "example"
  s3_bucket_name             = "example-trail-logs"
  is_multi_region_trail      = false
  enable_log_file_validation = false
}
