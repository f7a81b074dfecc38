data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "aws:SourceAccount"
      values   = ["*"]
    }
  }
}

resource "aws_iam_role" "config" {
  name               = "config-recorder"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
