# IAM writes whose resource names the holder's own policy and role, and a role it can assume
data "aws_caller_identity" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
}

resource "aws_iam_role" "app" {
  name = "app-role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "ops" {
  name = "ops-role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = aws_iam_role.app.arn }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_policy" "app" {
  name = "app-policy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "RewriteOwnPolicy"
        Effect   = "Allow"
        Action   = "iam:CreatePolicyVersion" // want CW310 `^policy "aws_iam_policy\.app" allows iam:CreatePolicyVersion on policy/app-policy \(attached to role "app-role", which holds this policy\): its holder can rewrite that policy and grant itself anything$`
        Resource = "arn:aws:iam::${local.account}:policy/app-policy"
      },
      {
        Sid      = "GrowOwnRole"
        Effect   = "Allow"
        Action   = "iam:AttachRolePolicy" // want CW310 `^policy "aws_iam_policy\.app" allows iam:AttachRolePolicy on role/app-role \(role "app-role", which holds this policy\): its holder can attach or write any policy on that role and grant itself anything$`
        Resource = "arn:aws:iam::${local.account}:role/app-*"
      },
      {
        Sid      = "AssumeOps"
        Effect   = "Allow"
        Action   = "sts:AssumeRole"
        Resource = "arn:aws:iam::${local.account}:role/ops-role"
      },
      {
        Sid      = "GrowOps"
        Effect   = "Allow"
        Action   = "iam:PutRolePolicy" // want CW310 `^policy "aws_iam_policy\.app" allows iam:PutRolePolicy on role/ops-role \(role "ops-role", which role "app-role" \(holding this policy\) can assume\): its holder can attach or write any policy on that role and grant itself anything$`
        Resource = "arn:aws:iam::${local.account}:role/ops-role"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.app.arn
}
