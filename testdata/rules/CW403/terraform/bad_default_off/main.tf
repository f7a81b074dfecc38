resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"

  recording_group { # want CW403 `configuration recorder "aws_config_configuration_recorder.main" does not record the global IAM resource types`
    all_supported = true
  }
}
