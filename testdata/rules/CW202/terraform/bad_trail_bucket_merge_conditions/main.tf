# The CloudTrail guide's bucket policy without the source keys, in
# jsonencode and in a heredoc: the fix adds aws:SourceAccount beside the
# conditions there, and declares the aws_caller_identity data source once.
resource "aws_s3_bucket" "trail" {
  bucket = "trail-logs-example"
}

resource "aws_s3_bucket_policy" "trail" {
  bucket = aws_s3_bucket.trail.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AWSCloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" } # want CW202 `bucket policy "aws_s3_bucket_policy\.trail" grants service principal cloudtrail\.amazonaws\.com access without`
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.trail.arn
        Condition = { Bool = { "aws:SecureTransport" = "true" } }
      },
      {
        Sid       = "AWSCloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" } # want CW202 `bucket policy "aws_s3_bucket_policy\.trail" grants service principal cloudtrail\.amazonaws\.com access without`
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.trail.arn}/AWSLogs/${data.aws_caller_identity.this.account_id}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl" = "bucket-owner-full-control"
          }
        }
      },
    ]
  })
}

data "aws_caller_identity" "this" {}

resource "aws_sns_topic" "alerts" {
  name = "config-alerts"
}

# want +10 CW202 `topic policy "aws_sns_topic_policy\.alerts" grants service principal events\.amazonaws\.com access without`
resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "EventsPublish",
          "Effect": "Allow",
          "Principal": {"Service": "events.amazonaws.com"},
          "Action": "sns:Publish",
          "Resource": "${aws_sns_topic.alerts.arn}",
          "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}
        }
      ]
    }
  EOT
}
