# StringEquals "*" is a literal: the statement never applies (CW203), it does not grant to any source
resource "aws_s3_bucket_policy" "example" {
  bucket = "example-bucket"
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "LiteralStar",
        "Effect": "Allow",
        "Principal": {
          "Service": "config.amazonaws.com"
        },
        "Action": "s3:PutObject",
        "Resource": "arn:aws:s3:::example-bucket/AWSLogs/*",
        "Condition": {
          "StringEquals": {
            "aws:SourceAccount": "*"
          }
        }
      }
    ]
  })
}
