# a service call carries no aws:PrincipalOrgID, so the statement never applies to Config
resource "aws_s3_bucket_policy" "example" {
  bucket = "example-bucket"
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "OrgIdOnService",
        "Effect": "Allow",
        "Principal": {
          "Service": "config.amazonaws.com"
        },
        "Action": "s3:PutObject",
        "Resource": "arn:aws:s3:::example-bucket/AWSLogs/*",
        "Condition": {
          "StringEquals": {
            "aws:PrincipalOrgID": "o-a1b2c3d4e5" // want CW203 `^bucket policy "aws_s3_bucket_policy\.example": aws:PrincipalOrgID is never present when a service principal \(config\.amazonaws\.com\) calls, so the statement never applies to it and cannot scope it; use aws:SourceOrgID$`
          }
        }
      }
    ]
  })
}
