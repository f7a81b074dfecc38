resource "aws_cloudwatch_log_group" "config" { # want CW110 `log group "aws_cloudwatch_log_group.config" is not encrypted with a customer managed KMS key \(kms_key_id is not set\)`
  name              = "/aws/config/events"
  retention_in_days = 365
}
