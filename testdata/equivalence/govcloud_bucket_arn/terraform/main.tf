# A GovCloud delivery bucket whose policy names it by its aws-us-gov ARN.
resource "aws_s3_bucket" "history" {
  bucket = "example-gov-history"
}

resource "aws_s3_bucket_policy" "history" {
  bucket = "arn:aws-us-gov:s3:::example-gov-history"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws-us-gov:s3:::example-gov-history/AWSLogs/111122223333/Config/*"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
  })
}

resource "aws_config_delivery_channel" "this" {
  s3_bucket_name = "example-gov-history"
  s3_kms_key_arn = "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
