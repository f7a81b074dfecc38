data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "aws:SourceAccount" // want CW203 `^trust policy of role "aws_iam_role\.config": aws:SourceAccount value "\*" matches any source; nothing else scopes the statement against the confused deputy$`
      values   = ["*"]
    }
  }
}

resource "aws_iam_role" "config" {
  name               = "config-recorder"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
