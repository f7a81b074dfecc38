resource "aws_s3_bucket" "config" {
  bucket = "config-history"
}

resource "aws_s3_bucket" "app" {
  bucket = "app-data"
}

resource "aws_sns_topic" "config" {
  name = "config-notifications"
}

resource "aws_iam_role" "config" {
  name = "aws-config-recorder"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "delivery" {
  role = aws_iam_role.config.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:PutObjectAcl"]
        Resource = "arn:aws:s3:::app-data/*" # want CW304 `allows s3:PutObject on bucket "app-data", not only the delivery bucket`
      },
      {
        Effect   = "Allow"
        Action   = "sns:Publish"
        Resource = "*" # want CW304 `role policy "aws_iam_role_policy.delivery" allows sns:Publish on every resource`
      },
    ]
  })
}

resource "aws_config_configuration_recorder" "main" {
  role_arn = aws_iam_role.config.arn
}

resource "aws_config_delivery_channel" "main" {
  s3_bucket_name = aws_s3_bucket.config.id
  sns_topic_arn  = aws_sns_topic.config.arn
}
