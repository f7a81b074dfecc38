# A role with an inline policy that allows every action and a customer
# managed policy attached by an attachment resource.
resource "aws_iam_role" "admin" {
  name = "example-admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
  inline_policy {
    name = "everything"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
    })
  }
}

resource "aws_iam_policy" "pass_any" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "pass_any" {
  role       = aws_iam_role.admin.name
  policy_arn = aws_iam_policy.pass_any.arn
}
