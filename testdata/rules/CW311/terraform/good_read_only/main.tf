resource "aws_iam_role" "config_admin" {
  name = "config-administrator"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "config_admin" {
  role = aws_iam_role.config_admin.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "config:*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "readers" {
  name = "config-readers"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["config:Get*", "config:Describe*", "config:List*"]
      Resource = "*"
    }]
  })
}
