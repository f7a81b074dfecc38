variable "role_arn" {
  type = string
}

data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["config.amazonaws.com"]
    }
  }
  statement {
    actions   = ["iam:PassRole"]
    resources = [var.role_arn]
  }
}

resource "aws_iam_policy" "ci" {
  name   = "ci"
  policy = data.aws_iam_policy_document.ci.json
}
