resource "aws_iam_role" "config" { # want CW303 `recorder role "aws_iam_role.config" has neither the AWS managed policy AWS_ConfigRole`
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

resource "aws_config_configuration_recorder" "main" {
  role_arn = aws_iam_role.config.arn
}
