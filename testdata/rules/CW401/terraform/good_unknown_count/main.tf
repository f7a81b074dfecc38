# The pattern of most published modules: recorder and status created when
# var.enabled, the status naming instance 0. The count is unknown, so the
# status links to the recorder's unknown instances: started, not reported.
variable "enabled" {
  type = bool
}

resource "aws_config_configuration_recorder" "this" {
  count    = var.enabled ? 1 : 0
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
}

resource "aws_config_configuration_recorder_status" "this" {
  count      = var.enabled ? 1 : 0
  name       = aws_config_configuration_recorder.this[0].name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.this]
}

resource "aws_config_delivery_channel" "this" {
  count          = var.enabled ? 1 : 0
  name           = "default"
  s3_bucket_name = "config-history"
}
