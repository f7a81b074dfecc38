# a Deny of some actions leaves the rest of sqs:* granted
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "Granted",
        "Effect": "Allow",
        "Action": "sqs:*", // want CW307 `^policy "aws_iam_policy\.example" allows every sqs action \("sqs:\*"\) on every resource$`
        "Resource": "*"
      },
      {
        "Sid": "NoDeletes",
        "Effect": "Deny",
        "Action": "sqs:Delete*",
        "Resource": "*"
      }
    ]
  })
}
