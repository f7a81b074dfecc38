resource "aws_cloudtrail" "main" { # want CW501 `trail "aws_cloudtrail.main" logs only the Region it is created in`
  name           = "main"
  s3_bucket_name = "example-trail"
}

resource "aws_cloudtrail" "no_management" {
  name                  = "no-management"
  s3_bucket_name        = "example-trail"
  is_multi_region_trail = true

  event_selector { # want CW501 `has event selectors that exclude write management events`
    include_management_events = false
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
