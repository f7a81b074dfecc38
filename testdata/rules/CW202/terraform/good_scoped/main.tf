data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "config" {
  bucket = "config-delivery-example"
}

data "aws_iam_policy_document" "config_bucket" {
  statement {
    sid       = "AWSConfigBucketPermissionsCheck"
    actions   = ["s3:GetBucketAcl", "s3:ListBucket"]
    resources = [aws_s3_bucket.config.arn]
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
  statement {
    sid       = "AWSConfigBucketDelivery"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.config.arn}/AWSLogs/${data.aws_caller_identity.current.account_id}/Config/*"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:config:*:111122223333:*"]
    }
  }
}

resource "aws_s3_bucket_policy" "config" {
  bucket = aws_s3_bucket.config.id
  policy = data.aws_iam_policy_document.config_bucket.json
}

resource "aws_sns_topic" "config" {
  name = "config-notifications"
}

resource "aws_sns_topic_policy" "config" {
  arn = aws_sns_topic.config.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "config.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.config.arn
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "sns:*"
        Resource  = "*"
        Condition = { StringNotEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
      },
    ]
  })
}

resource "aws_config_config_rule" "custom" {
  name = "custom"
  source {
    owner             = "CUSTOM_LAMBDA"
    source_identifier = "arn:aws:lambda:us-east-1:111122223333:function:config-rule-handler"
  }
}

resource "aws_lambda_permission" "config_rule" {
  action        = "lambda:InvokeFunction"
  function_name = "config-rule-handler"
  principal     = "config.amazonaws.com"
  source_arn    = aws_config_config_rule.custom.arn
}

resource "aws_lambda_permission" "account" {
  action         = "lambda:InvokeFunction"
  function_name  = "config-rule-handler"
  principal      = "config.amazonaws.com"
  source_account = data.aws_caller_identity.current.account_id
}
