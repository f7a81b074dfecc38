# A recorder with count = 1 whose status, for instance 0, is disabled.
resource "aws_config_configuration_recorder" "this" {
  count    = 1
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_configuration_recorder_status" "this" {
  name       = aws_config_configuration_recorder.this[0].name
  is_enabled = false
}
