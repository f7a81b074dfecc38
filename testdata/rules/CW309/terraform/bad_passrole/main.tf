data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["iam:PassRole"] # want CW309 `^policy "aws_iam_policy\.ci" allows iam:PassRole on every role`
    resources = ["*"]
  }
}

resource "aws_iam_policy" "ci" {
  name   = "ci"
  policy = data.aws_iam_policy_document.ci.json
}

resource "aws_iam_role_policy" "encoded" {
  name = "encoded"
  role = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::111122223333:role/*" }] # want CW309 `allows iam:PassRole on every role`
  })
}
