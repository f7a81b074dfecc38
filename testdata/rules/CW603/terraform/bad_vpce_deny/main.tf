resource "aws_s3_bucket" "config" {
  bucket = "example-config-history"
}

data "aws_iam_policy_document" "config" {
  statement {
    sid       = "DenyOutsideVpce"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.config.arn, "${aws_s3_bucket.config.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition { # want CW603 `bucket policy of "aws_s3_bucket.config" denies requests from outside the VPC or IP range it names`
      test     = "StringNotEquals"
      variable = "aws:SourceVpce"
      values   = ["vpce-0123456789abcdef0"]
    }
  }
}

resource "aws_s3_bucket_policy" "config" {
  bucket = aws_s3_bucket.config.id
  policy = data.aws_iam_policy_document.config.json
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}
