# a service call carries no aws:PrincipalOrgID: CW203 reports the condition
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
            "aws:PrincipalOrgID": "o-a1b2c3d4e5"
          }
        }
      }
    ]
  })
}
