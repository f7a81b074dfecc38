# Allow * with NotResource * matches no resource: it grants nothing
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "MatchesNoResource",
        "Effect": "Allow",
        "Action": "*",
        "NotResource": "*"
      }
    ]
  })
}
