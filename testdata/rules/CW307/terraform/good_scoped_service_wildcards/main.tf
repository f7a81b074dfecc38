# support:* is AWSSupportAccess; ec2messages:* and ssmmessages:* are the SSM agent channels, all in AmazonSSMManagedInstanceCore
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "SupportRole",
        "Effect": "Allow",
        "Action": "support:*",
        "Resource": "*"
      },
      {
        "Sid": "SSMAgentChannels",
        "Effect": "Allow",
        "Action": [
          "ec2messages:*",
          "ssmmessages:*"
        ],
        "Resource": "*"
      }
    ]
  })
}
