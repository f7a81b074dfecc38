data "aws_iam_policy_document" "config_bucket" {
  statement {
    actions   = ["s3:*"] # want CW313 `^bucket policy "aws_s3_bucket_policy\.config" grants the AWS Config service principal "s3:\*", which includes`
    resources = ["arn:aws:s3:::config-bucket/AWSLogs/111122223333/Config/*"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["111122223333"]
    }
  }
}

resource "aws_s3_bucket_policy" "config" {
  bucket = "config-bucket"
  policy = data.aws_iam_policy_document.config_bucket.json
}

resource "aws_lambda_permission" "rule" {
  function_name  = "rule"
  action         = "lambda:GetFunction" # want CW313 `function permission "aws_lambda_permission\.rule" grants the AWS Config service principal "lambda:GetFunction"`
  principal      = "config.amazonaws.com"
  source_account = "111122223333"
}
