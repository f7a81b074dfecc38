resource "aws_iam_service_linked_role" "config" {
  aws_service_name = "config.amazonaws.com"
}

resource "aws_config_configuration_recorder" "main" { # want CW401 `configuration recorder "aws_config_configuration_recorder.main" has no aws_config_configuration_recorder_status`
  name     = "default"
  role_arn = aws_iam_service_linked_role.config.arn
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "config-history"
  depends_on     = [aws_config_configuration_recorder.main]
}
