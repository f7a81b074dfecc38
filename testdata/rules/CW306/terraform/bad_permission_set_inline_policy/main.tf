# an IAM Identity Center permission set whose inline policy is full admin
resource "aws_ssoadmin_permission_set_inline_policy" "admins" {
  instance_arn = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef"
  inline_policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Effect": "Allow",
        "Action": "*", // want CW306 `^permission set policy "aws_ssoadmin_permission_set_inline_policy\.admins" allows every action on every resource \(Action "\*", Resource "\*"\): full administrator access$`
        "Resource": "*"
      }
    ]
  })
}
