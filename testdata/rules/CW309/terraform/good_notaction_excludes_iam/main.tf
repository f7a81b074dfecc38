# NotAction iam:* excludes iam:PassRole
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "AllButIAM",
        "Effect": "Allow",
        "NotAction": "iam:*",
        "Resource": "*"
      }
    ]
  })
}
