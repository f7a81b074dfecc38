# actions that change existing compute run as the roles that compute already has
resource "aws_iam_policy" "example" {
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "ReplaceCode",
        "Effect": "Allow",
        "Action": "lambda:UpdateFunctionCode", // want CW310 `^policy "aws_iam_policy\.example" allows lambda:UpdateFunctionCode on every resource: its holder can replace the code of existing functions and run it as their execution roles$`
        "Resource": "*"
      },
      {
        "Sid": "EditEndpoints",
        "Effect": "Allow",
        "Action": "glue:UpdateDevEndpoint", // want CW310 `^policy "aws_iam_policy\.example" allows glue:UpdateDevEndpoint on every resource: its holder can add its SSH key to existing Glue development endpoints and use their roles$`
        "Resource": "*"
      },
      {
        "Sid": "UpdateStacks",
        "Effect": "Allow",
        "Action": "cloudformation:UpdateStack", // want CW310 `^policy "aws_iam_policy\.example" allows cloudformation:UpdateStack on every resource: its holder can update existing stacks, which run with the service role they already have$`
        "Resource": "arn:aws:cloudformation:*:*:stack/*"
      },
      {
        "Sid": "RunCommands",
        "Effect": "Allow",
        "Action": [
          "ssm:SendCommand", // want CW310 `^policy "aws_iam_policy\.example" allows ssm:SendCommand on every resource: its holder can run commands on managed instances as their instance roles$`
          "ssm:StartSession" // want CW310 `^policy "aws_iam_policy\.example" allows ssm:StartSession on every resource: its holder can open a shell on managed instances and use their instance roles$`
        ],
        "Resource": "*"
      },
      {
        "Sid": "SSHKeys",
        "Effect": "Allow",
        "Action": "ec2-instance-connect:SendSSHPublicKey", // want CW310 `^policy "aws_iam_policy\.example" allows ec2-instance-connect:SendSSHPublicKey on every resource: its holder can log in to instances and use their instance roles$`
        "Resource": "arn:aws:ec2:*:*:instance/*"
      }
    ]
  })
}
