resource "aws_iam_role" "config" {
  name = "config-recorder"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "config.amazonaws.com" }, Action = "sts:AssumeRole", Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } } }]
  })
}

data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*:*"] # want CW306 `role policy "aws_iam_role_policy\.admin" allows every action on every resource`
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "admin" {
  role   = aws_iam_role.config.id
  policy = data.aws_iam_policy_document.admin.json
}
