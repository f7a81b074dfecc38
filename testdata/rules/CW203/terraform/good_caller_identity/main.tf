data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

data "aws_iam_policy_document" "config_bucket" {
  statement {
    actions   = ["s3:GetBucketAcl"]
    resources = ["arn:aws:s3:::config-bucket"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id, 111122223333]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:config:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:*"]
    }
  }
}

resource "aws_s3_bucket_policy" "config" {
  bucket = "config-bucket"
  policy = data.aws_iam_policy_document.config_bucket.json
}

resource "aws_sns_topic_policy" "config" {
  arn = "arn:aws:sns:us-east-1:111122223333:config"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:us-east-1:111122223333:config"
      Condition = {
        "ForAnyValue:StringEquals" = { "aws:SourceAccount" = ["111122223333"] }
        ArnLike                    = { "aws:SourceArn" = "arn:aws:config:*:111122223333:*" }
      }
    }]
  })
}
