# iam:PassRole in the role's inline policy, lambda:CreateFunction in a
# customer managed policy attached to the same role.
resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "codebuild.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
  })
}

resource "aws_iam_role_policy" "pass" {
  name = "pass"
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

data "aws_iam_policy_document" "functions" {
  statement {
    actions   = ["lambda:CreateFunction", "lambda:InvokeFunction"] # want CW310 `^policy "aws_iam_policy\.functions" allows lambda:CreateFunction, and role "deployer", which holds it, may pass every role \(iam:PassRole in role policy "aws_iam_role_policy\.pass"\)`
    resources = ["*"]
  }
}

resource "aws_iam_policy" "functions" {
  name   = "functions"
  policy = data.aws_iam_policy_document.functions.json
}

resource "aws_iam_role_policy_attachment" "functions" {
  role       = aws_iam_role.deployer.name
  policy_arn = aws_iam_policy.functions.arn
}
