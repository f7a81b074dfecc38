# An automatic remediation with no attempt limit, run by a role.
resource "aws_config_remediation_configuration" "this" {
  config_rule_name      = "s3-bucket-versioning-enabled"
  target_type           = "SSM_DOCUMENT"
  target_id             = "AWS-ConfigureS3BucketVersioning"
  automatic             = true
  retry_attempt_seconds = 60

  parameter {
    name         = "AutomationAssumeRole"
    static_value = "arn:aws:iam::111122223333:role/example-remediation"
  }
  parameter {
    name           = "BucketName"
    resource_value = "RESOURCE_ID"
  }
}
