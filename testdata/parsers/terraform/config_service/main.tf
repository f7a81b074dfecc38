resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = aws_iam_role.config.arn

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.main]
}

resource "aws_config_delivery_channel" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.config.bucket
  s3_key_prefix  = "config"
  s3_kms_key_arn = aws_kms_key.config.arn
  sns_topic_arn  = "arn:aws:sns:eu-west-1:111122223333:config-events"
}

resource "aws_config_configuration_recorder" "literal" {
  role_arn = "arn:aws:iam::111122223333:role/service/literal-role"
}

resource "aws_config_configuration_recorder_status" "literal" {
  name       = "default"
  is_enabled = false
}

resource "aws_config_delivery_channel" "by_alias" {
  s3_bucket_name = "acme-config"
  s3_kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:alias/config"
}

resource "aws_s3_bucket" "config" {
  bucket = "acme-config"
}

resource "aws_sns_topic" "events" {
  name              = "config-events"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_kms_key" "config" {
  enable_key_rotation      = true
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
}

resource "aws_kms_alias" "config" {
  name          = "alias/config"
  target_key_id = aws_kms_key.config.key_id
}

resource "aws_iam_role" "config" {
  name                = "config"
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"]
}

resource "aws_iam_role" "literal" {
  name = "literal-role"
  path = "/service/"
}

resource "aws_iam_role_policy_attachment" "extra" {
  role       = aws_iam_role.config.name
  policy_arn = aws_iam_policy.extra.arn
}

resource "aws_iam_policy_attachment" "shared" {
  name       = "shared"
  roles      = ["literal-role", aws_iam_role.config.id]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy" "extra" {
  name = "extra"
}

resource "aws_iam_service_linked_role" "config" {
  aws_service_name = "config.amazonaws.com"
}

resource "aws_config_config_rule" "custom" {
  name             = "custom"
  input_parameters = jsonencode({ maxAge = 90 })
  source {
    owner             = "CUSTOM_LAMBDA"
    source_identifier = aws_lambda_function.rule.arn
  }
}

resource "aws_config_configuration_aggregator" "org" {
  name = "org"
  organization_aggregation_source {
    all_regions = true
    role_arn    = aws_iam_role.config.arn
  }
}

resource "aws_config_aggregate_authorization" "a" {
  account_id = "444455556666"
  region     = "eu-west-1"
}

resource "aws_config_conformance_pack" "p" {
  name               = "p"
  delivery_s3_bucket = "acme-cpack"
}

resource "aws_config_remediation_configuration" "r" {
  config_rule_name           = aws_config_config_rule.custom.name
  automatic                  = true
  maximum_automatic_attempts = 5
  retry_attempt_seconds      = 60
  parameter {
    name         = "AutomationAssumeRole"
    static_value = "arn:aws:iam::111122223333:role/remediate"
  }
}

resource "aws_lambda_function" "rule" {
  function_name = "rule"
  role          = aws_iam_role.config.arn
}

resource "aws_vpc_endpoint" "config" {
  service_name        = "com.amazonaws.eu-west-1.config"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = false
}

resource "aws_cloudtrail" "t" {
  name                       = "t"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  event_selector {
    read_write_type = "All"
  }
}

resource "aws_cloudwatch_log_group" "g" {
  name = "g"
}

resource "aws_sqs_queue" "q" {
  name                    = "q"
  sqs_managed_sse_enabled = true
}
