resource "aws_config_config_rule" "api" {
  name = "api-check"
  input_parameters = jsonencode({
    endpoint = "https://inventory.example.com"
    password = "correct-horse-battery" # want CW108 `config rule "aws_config_config_rule.api" has a secret-looking value in input_parameters.password \(value not shown\)`
  })

  source {
    owner             = "AWS"
    source_identifier = "S3_BUCKET_VERSIONING_ENABLED"
  }
}

resource "aws_config_remediation_configuration" "db" {
  config_rule_name = aws_config_config_rule.api.name
  target_type      = "SSM_DOCUMENT"
  target_id        = "AWS-RunShellScript"

  parameter {
    name         = "AccessToken"
    static_value = "ya29.a0AfH6SMBx" # want CW108 `remediation configuration "aws_config_remediation_configuration.db" has a secret-looking value in parameter\[0\].static_value`
  }
}

resource "aws_config_conformance_pack" "pack" {
  name = "pack"
  template_body = "Resources: {}"

  input_parameter {
    parameter_name  = "Notes"
    parameter_value = "deploy with password=Sup3rS3cret!" # want CW108 `conformance pack "aws_config_conformance_pack.pack" has a password or token assignment in input_parameter\[0\].parameter_value`
  }
}
