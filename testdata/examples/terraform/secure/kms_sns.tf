resource "aws_kms_key" "config" {
  description         = "AWS Config delivery and notifications"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AWSConfigKMSPolicy"
        Effect    = "Allow"
        Principal = { Service = "config.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
        Condition = { StringEquals = { "AWS:SourceAccount" = local.account_id } }
      },
    ]
  })
}

resource "aws_kms_alias" "config" {
  name          = "alias/aws-config"
  target_key_id = aws_kms_key.config.key_id
}

resource "aws_sns_topic" "config" {
  name              = "aws-config-notifications"
  kms_master_key_id = aws_kms_key.config.arn
}

resource "aws_sns_topic_policy" "config" {
  arn = aws_sns_topic.config.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AWSConfigSNSPolicy"
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.config.arn
      Condition = { StringEquals = { "AWS:SourceAccount" = local.account_id } }
    }]
  })
}
