variable "org_id" {
  type = string
}

data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::data/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.org_id]
    }
  }
}

resource "aws_s3_bucket_policy" "data" {
  bucket = "data"
  policy = data.aws_iam_policy_document.bucket.json
}

resource "aws_lambda_permission" "events" {
  function_name  = "handler"
  action         = "lambda:InvokeFunction"
  principal      = "*"
  source_account = "111122223333"
}
