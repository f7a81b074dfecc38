# The role that may pass every role cannot create functions; the role that
# can create functions may pass roles only to EC2.
locals {
  trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "codebuild.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
  })
}

resource "aws_iam_role" "passer" {
  name               = "passer"
  assume_role_policy = local.trust
}

resource "aws_iam_role_policy" "pass" {
  name = "pass"
  role = aws_iam_role.passer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_role" "builder" {
  name               = "builder"
  assume_role_policy = local.trust
}

resource "aws_iam_role_policy" "pass_to_ec2" {
  name = "pass-to-ec2"
  role = aws_iam_role.builder.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:PassRole"
      Resource  = "*"
      Condition = { StringEquals = { "iam:PassedToService" = "ec2.amazonaws.com" } }
    }]
  })
}

resource "aws_iam_policy" "functions" {
  name = "functions"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "functions" {
  role       = aws_iam_role.builder.name
  policy_arn = aws_iam_policy.functions.arn
}
