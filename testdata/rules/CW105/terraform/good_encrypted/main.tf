variable "key_id" {
  type = string
}

resource "aws_kms_key" "config" {
  enable_key_rotation = true
}

resource "aws_sns_topic" "config" {
  name              = "config-events"
  kms_master_key_id = aws_kms_key.config.arn
}

resource "aws_sns_topic" "other" {
  name              = "other-events"
  kms_master_key_id = var.key_id
}
