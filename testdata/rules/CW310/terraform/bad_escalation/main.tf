# want +7 CW310 `^policy "aws_iam_policy\.heredoc" allows iam:UpdateAssumeRolePolicy on every resource`
resource "aws_iam_policy" "heredoc" {
  name   = "heredoc"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "*"}
  ]
}
EOT
}

data "aws_iam_policy_document" "pipeline" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
  statement {
    actions   = ["cloudformation:CreateStack", "cloudformation:Describe*"] # want CW310 `allows cloudformation:CreateStack together with iam:PassRole on every role`
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "pipeline" {
  name   = "pipeline"
  role   = "ci"
  policy = data.aws_iam_policy_document.pipeline.json
}
