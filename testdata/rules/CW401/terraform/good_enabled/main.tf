variable "enabled" {
  type = bool
}

resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
}

resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.main]
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "config-history"
}

# A second recorder whose status depends on a variable: unknown, not reported.
resource "aws_config_configuration_recorder" "other" {
  provider = aws.west
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
}

resource "aws_config_configuration_recorder_status" "other" {
  provider   = aws.west
  name       = aws_config_configuration_recorder.other.name
  is_enabled = var.enabled
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
