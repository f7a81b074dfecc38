resource "aws_iam_policy" "guard" {
  name   = "guard"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Deny", "NotAction": ["config:Get*", "config:Describe*"], "Resource": "*"},
    {"Effect": "Allow", "Action": "config:Describe*", "NotResource": "arn:aws:config:us-east-1:111122223333:config-rule/secret"}
  ]
}
EOT
}
