variable "bucket" {
  default = "config-logs"
}

resource "aws_iam_policy" "plain" {
  name   = "plain"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::${var.bucket}/home/$${aws:username}/*"
    }
  ]
}
EOF
}

resource "aws_s3_bucket_policy" "indented" {
  bucket = aws_s3_bucket.b.id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Sid": "AllowConfig",
        "Effect": "Allow",
        "Principal": {"Service": "config.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": "${aws_s3_bucket.b.arn}/AWSLogs/*"
      }]
    }
  POLICY
}

resource "aws_sns_topic_policy" "quoted" {
  arn    = aws_sns_topic.t.arn
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sns:Publish\",\"Resource\":\"${aws_sns_topic.t.arn}\"}]}"
}

resource "aws_sqs_queue" "q" {
  name   = "q"
  policy = <<EOF
{"Statement": ${local.statements}}
EOF
}

resource "aws_kms_key" "k" {
  policy = <<EOF
{"Statement": [ "not closed"
EOF
}

resource "aws_s3_bucket" "b" {
  bucket = var.bucket
}

resource "aws_sns_topic" "t" {
  name = "t"
}

locals {
  statements = jsonencode([])
}
