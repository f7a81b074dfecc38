variable "api_token" {
  type      = string
  sensitive = true
  default   = "hidden-but-not-in-the-code"
}

resource "aws_config_config_rule" "api" {
  name        = "api-check"
  description = "Checks tokens are rotated"
  input_parameters = jsonencode({
    token            = var.api_token
    passwordSecretId = "prod/inventory"
    maxAccessKeyAge  = "90"
  })

  source {
    owner             = "AWS"
    source_identifier = "ACCESS_KEYS_ROTATED"
  }

  tags = {
    team = "security"
  }
}

resource "aws_config_remediation_configuration" "db" {
  config_rule_name = aws_config_config_rule.api.name
  target_type      = "SSM_DOCUMENT"
  target_id        = "AWS-RunShellScript"

  parameter {
    name         = "Password"
    static_value = "{{resolve:ssm-secure:/prod/db/password}}"
  }
}
