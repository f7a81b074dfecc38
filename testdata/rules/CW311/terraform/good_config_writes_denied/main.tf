# the same policy denies every action that stops or removes recording
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "ConfigOperator",
        "Effect": "Allow",
        "Action": "config:*",
        "Resource": "*"
      },
      {
        "Sid": "NeverStopRecording",
        "Effect": "Deny",
        "Action": [
          "config:Stop*",
          "config:Delete*",
          "config:Put*"
        ],
        "Resource": "*"
      }
    ]
  })
}
