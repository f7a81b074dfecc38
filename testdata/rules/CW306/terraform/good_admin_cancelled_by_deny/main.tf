# a Deny of everything cancels the full-admin Allow
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "Granted",
        "Effect": "Allow",
        "Action": "*",
        "Resource": "*"
      },
      {
        "Sid": "TakenBack",
        "Effect": "Deny",
        "Action": "*",
        "Resource": "*"
      }
    ]
  })
}
