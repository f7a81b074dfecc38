# the Deny of the same policy refuses everything the Allow grants
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "Granted",
        "Effect": "Allow",
        "Action": [
          "iam:*",
          "s3:*"
        ],
        "Resource": "*"
      },
      {
        "Sid": "TakenBack",
        "Effect": "Deny",
        "Action": [
          "iam:*",
          "s3:*"
        ],
        "Resource": "*"
      }
    ]
  })
}
