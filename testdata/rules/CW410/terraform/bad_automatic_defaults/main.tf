resource "aws_config_remediation_configuration" "encrypt" {
  config_rule_name = "s3-bucket-server-side-encryption-enabled"
  target_type      = "SSM_DOCUMENT"
  target_id        = "AWS-EnableS3BucketEncryption"
  automatic        = true # want CW410 `remediation "aws_config_remediation_configuration.encrypt" runs automatically without setting maximum_automatic_attempts or retry_attempt_seconds`
}
