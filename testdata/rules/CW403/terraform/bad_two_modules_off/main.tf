# Two recorders in two Regions, neither records the global IAM types.
provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_config_configuration_recorder" "us" { # want CW403 `"aws_config_configuration_recorder.us" does not record the global IAM resource types`
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
}

resource "aws_config_configuration_recorder" "eu" {
  provider = aws.eu
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"

  recording_group {
    all_supported                 = true
    include_global_resource_types = false # want CW403 `"aws_config_configuration_recorder.eu" does not record the global IAM resource types`
  }
}
