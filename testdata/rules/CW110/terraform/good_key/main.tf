variable "kms_key_arn" {
  type = string
}

resource "aws_cloudwatch_log_group" "config" {
  name       = "/aws/config/events"
  kms_key_id = var.kms_key_arn
}
