data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::data/*"]
    principals { # want CW312 `^bucket policy "aws_s3_bucket_policy\.data" allows s3:GetObject to any principal`
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "data" {
  bucket = "data"
  policy = data.aws_iam_policy_document.bucket.json
}

resource "aws_sqs_queue_policy" "q" {
  queue_url = "https://sqs.us-east-1.amazonaws.com/111122223333/q"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" } # want CW312 `queue policy "aws_sqs_queue_policy\.q" allows sqs:SendMessage to any principal`
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:us-east-1:111122223333:q"
    }]
  })
}

resource "aws_lambda_permission" "open" {
  function_name = "handler"
  action        = "lambda:InvokeFunction"
  principal     = "*" # want CW312 `function permission "aws_lambda_permission\.open" lets any principal \("\*"\) invoke the Lambda function without source_account, source_arn or principal_org_id`
}
