# one named function, a tag condition, and an update the same policy denies
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "OneFunction",
        "Effect": "Allow",
        "Action": "lambda:UpdateFunctionCode",
        "Resource": "arn:aws:lambda:us-east-1:111122223333:function:deploy-target"
      },
      {
        "Sid": "TaggedInstances",
        "Effect": "Allow",
        "Action": "ssm:StartSession",
        "Resource": "*",
        "Condition": {
          "StringEquals": {
            "ssm:resourceTag/team": "ops"
          }
        }
      },
      {
        "Sid": "NoUpdates",
        "Effect": "Deny",
        "Action": "glue:UpdateDevEndpoint",
        "Resource": "*"
      },
      {
        "Sid": "DeniedBelow",
        "Effect": "Allow",
        "Action": "glue:*DevEndpoint",
        "Resource": "*"
      }
    ]
  })
}
