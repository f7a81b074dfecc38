data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"] # want CW201 `service principal config\.amazonaws\.com assume it .*value "\*" matches any source`
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
