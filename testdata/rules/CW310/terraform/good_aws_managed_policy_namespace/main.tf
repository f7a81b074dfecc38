# arn:aws:iam::aws:policy/... names AWS managed policies: no customer can create
# versions of them, so this grant opens no path (iam-vulnerable's fp4 case).
resource "aws_iam_policy" "versions" {
  name = "fp4-versions"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:CreatePolicyVersion", Resource = "arn:aws:iam::aws:policy/fp4-*" },
      { Effect = "Allow", Action = "iam:SetDefaultPolicyVersion", Resource = "arn:aws:iam::aws:policy/*" },
    ]
  })
}

resource "aws_iam_role" "holder" {
  name = "fp4-role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "holder" {
  role       = aws_iam_role.holder.name
  policy_arn = aws_iam_policy.versions.arn
}
