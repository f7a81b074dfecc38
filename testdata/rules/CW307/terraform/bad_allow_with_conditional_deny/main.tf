# a conditional Deny refuses only some requests: s3:* is still granted
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "Granted",
        "Effect": "Allow",
        "Action": "s3:*", // want CW307 `^policy "aws_iam_policy\.example" allows every s3 action \("s3:\*"\) on every resource$`
        "Resource": "*"
      },
      {
        "Sid": "OnlyWithoutTLS",
        "Effect": "Deny",
        "Action": "s3:*",
        "Resource": "*",
        "Condition": {
          "Bool": {
            "aws:SecureTransport": "false"
          }
        }
      }
    ]
  })
}
