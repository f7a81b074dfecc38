# The eu-west-1 recorder does not record global types; the us-east-1 one does.
provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_config_configuration_recorder" "us" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_configuration_recorder" "eu" {
  provider = aws.eu
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
}
