data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "config_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "config" {
  name               = "aws-config-recorder"
  assume_role_policy = data.aws_iam_policy_document.config_trust.json
}

resource "aws_iam_role_policy_attachment" "config_read" {
  role       = aws_iam_role.config.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.config.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # want CW301 `recorder role "aws_iam_role.config" has AWS managed policy AdministratorAccess attached: administrator-equivalent access`
}
