resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = "example-trail"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  advanced_event_selector {
    name = "management"
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }
}
