data "aws_caller_identity" "current" {}

resource "aws_sns_topic_policy" "config" {
  arn = "arn:aws:sns:us-east-1:111122223333:config"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:us-east-1:111122223333:config"
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
}

resource "aws_s3_bucket_policy" "config" {
  bucket = "config-bucket"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Service": "config.amazonaws.com"},
    "Action": "s3:PutObject",
    "Resource": "arn:aws:s3:::config-bucket/AWSLogs/${data.aws_caller_identity.current.account_id}/Config/*",
    "Condition": {"StringEquals": {"aws:SourceAccount": "${data.aws_caller_identity.current.account_id}"}}
  }]
}
EOT
}

resource "aws_lambda_permission" "rule" {
  function_name  = "rule"
  action         = "lambda:InvokeFunction"
  principal      = "config.amazonaws.com"
  source_account = data.aws_caller_identity.current.account_id
}
