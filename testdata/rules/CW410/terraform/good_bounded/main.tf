resource "aws_config_remediation_configuration" "encrypt" {
  config_rule_name           = "s3-bucket-server-side-encryption-enabled"
  target_type                = "SSM_DOCUMENT"
  target_id                  = "AWS-EnableS3BucketEncryption"
  automatic                  = true
  maximum_automatic_attempts = 3
  retry_attempt_seconds      = 60

  execution_controls {
    ssm_controls {
      concurrent_execution_rate_percentage = 10
      error_percentage                     = 10
    }
  }
}
