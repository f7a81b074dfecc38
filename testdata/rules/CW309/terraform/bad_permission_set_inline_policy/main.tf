# an IAM Identity Center permission set whose inline policy passes any role
resource "aws_ssoadmin_permission_set_inline_policy" "deployers" {
  instance_arn = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef"
  inline_policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Effect": "Allow",
        "Action": "iam:PassRole", // want CW309 `^permission set policy "aws_ssoadmin_permission_set_inline_policy\.deployers" allows iam:PassRole on every role without an iam:PassedToService condition: it can hand any role to any service$`
        "Resource": "*"
      }
    ]
  })
}
