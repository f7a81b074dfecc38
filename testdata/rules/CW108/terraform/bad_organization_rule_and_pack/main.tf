# Organization-wide Config rules and conformance packs are read like the account ones
resource "aws_config_organization_custom_rule" "webhook" {
  name                = "ci-webhook-check"
  lambda_function_arn = "arn:aws:lambda:us-east-1:111122223333:function:check"
  trigger_types       = ["ConfigurationItemChangeNotification"]
  input_parameters    = jsonencode({ webhookToken = "q9Xv2LmP7rTz4Kw8" }) // want CW108 `^config rule "aws_config_organization_custom_rule\.webhook" has a secret-looking value in input_parameters\.webhookToken \(value not shown\): keep secrets out of AWS Config fields$`
}

resource "aws_config_organization_managed_rule" "names_only" {
  name            = "ecs-no-environment-secrets"
  rule_identifier = "ECS_NO_ENVIRONMENT_SECRETS"
  input_parameters = jsonencode({ secretKeys = "AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY" })
}

resource "aws_config_organization_conformance_pack" "baseline" {
  name            = "baseline"
  template_s3_uri = "s3://example-packs/baseline.yaml"
  input_parameter {
    parameter_name  = "DbPassword"
    parameter_value = "Zr8#kLq2!vPw" // want CW108 `^conformance pack "aws_config_organization_conformance_pack\.baseline" has a secret-looking value in input_parameter\[0\]\.parameter_value \(value not shown\): keep secrets out of AWS Config fields$`
  }
}
