resource "aws_iam_role_policy_attachment" "slr_policy" {
  role       = aws_iam_role.config.name
  policy_arn = "arn:aws:iam::aws:policy/aws-service-role/AWSConfigServiceRolePolicy" # want CW305 `has AWSConfigServiceRolePolicy attached`
}
