resource "aws_iam_policy" "encoded" {
  name = "encoded"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["config:*"] # want CW307 `^policy "aws_iam_policy\.encoded" allows every config action \("config:\*"\) on every resource$`
      Resource = "*"
    }]
  })
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["s3:GetObject", "lambda:*"] # want CW307 `allows every lambda action`
    resources = ["arn:aws:lambda:us-east-1:111122223333:function:*"]
  }
}

resource "aws_iam_role_policy" "doc" {
  name   = "doc"
  role   = "app"
  policy = data.aws_iam_policy_document.doc.json
}

# want +8 CW307 `allows every sqs action`
resource "aws_iam_user_policy" "heredoc" {
  name   = "heredoc"
  user   = "ci"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs:*:111122223333:*"}
  ]
}
EOT
}

resource "aws_iam_group_policy" "inline" {
  name   = "inline"
  group  = "ops"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}" # want CW307 `allows every ec2 action`
}
