# Action * on * includes iam:PassRole on every role
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "Admin",
        "Effect": "Allow",
        "Action": "*", // want CW309 `^policy "aws_iam_policy\.example" allows iam:PassRole \(through "\*"\) on every role without an iam:PassedToService condition: it can hand any role to any service$`
        "Resource": "*"
      }
    ]
  })
}
