# NotAction s3:* allows iam:PassRole on every role
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "AllButS3",
        "Effect": "Allow",
        "NotAction": "s3:*", // want CW309 `^policy "aws_iam_policy\.example" allows iam:PassRole \(through NotAction, which does not exclude it\) on every role without an iam:PassedToService condition: it can hand any role to any service$`
        "Resource": "*"
      }
    ]
  })
}
