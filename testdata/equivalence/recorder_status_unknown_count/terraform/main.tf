# Recorder, status and delivery channel with a count that is unknown; the
# status and the channel name instance 0 of what they need.
variable "enabled" {
  type = bool
}

resource "aws_config_configuration_recorder" "this" {
  count    = var.enabled ? 1 : 0
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
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
  s3_bucket_name = aws_s3_bucket.history[0].id
  s3_kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  sns_topic_arn  = "arn:aws:sns:us-east-1:111122223333:config-changes"
}

resource "aws_s3_bucket" "history" {
  count = var.enabled ? 1 : 0
}

resource "aws_s3_bucket_versioning" "history" {
  count  = var.enabled ? 1 : 0
  bucket = aws_s3_bucket.history[0].id
  versioning_configuration {
    status = "Enabled"
  }
}
