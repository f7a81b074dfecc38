# The module's one customer managed key lets CloudWatch Logs use it: the fix
# encrypts the log group with it.
data "aws_region" "current" {}

resource "aws_kms_key" "logs" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CloudWatchLogs"
      Effect    = "Allow"
      Principal = { Service = "logs.${data.aws_region.current.name}.amazonaws.com" }
      Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      Resource  = "*"
    }]
  })
}

resource "aws_cloudwatch_log_group" "config" { # want CW110 `log group "aws_cloudwatch_log_group.config" is not encrypted with a customer managed KMS key \(kms_key_id is not set\)`
  name              = "/aws/config/events"
  retention_in_days = 365
}
