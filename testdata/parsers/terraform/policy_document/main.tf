data "aws_caller_identity" "me" {}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.me.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:config:*:${data.aws_caller_identity.me.account_id}:*"]
    }
  }
}

data "aws_iam_policy_document" "bucket" {
  version = "2012-10-17"

  statement {
    sid       = "DenyInsecure"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    not_actions = ["iam:*"]
    resources   = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.bucket.json]
}

resource "aws_iam_role" "a" {
  name               = "a"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role" "b" {
  name               = "b"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_s3_bucket_policy" "b" {
  bucket = "b"
  policy = data.aws_iam_policy_document.bucket.json
}

resource "aws_iam_policy" "merged" {
  policy = data.aws_iam_policy_document.merged.json
}
