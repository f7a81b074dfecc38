# ECS_NO_ENVIRONMENT_SECRETS takes the NAMES of environment variables that must not hold secrets
resource "aws_config_config_rule" "ecs_no_environment_secrets" {
  name = "ecs-no-environment-secrets"
  source {
    owner             = "AWS"
    source_identifier = "ECS_NO_ENVIRONMENT_SECRETS"
  }
  input_parameters = jsonencode({
    secretKeys = "AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,ECS_ENGINE_AUTH_DATA"
  })
}
