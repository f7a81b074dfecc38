# StringEquals "*" is a literal that matches no account: the statement never applies
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
            "aws:SourceAccount": "*" // want CW203 `^bucket policy "aws_s3_bucket_policy\.example": aws:SourceAccount value "\*" is not a 12-digit account id, so it never matches$`
          }
        }
      }
    ]
  })
}
