resource "aws_config_configuration_recorder" "main" { # want CW503 `no EventBridge rule or metric filter in this set alerts on StopConfigurationRecorder`
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
}

resource "aws_sns_topic" "alerts" {
  name = "security-alerts"
}

resource "aws_cloudwatch_event_rule" "config_deletes" {
  name = "config-deletes"
  event_pattern = jsonencode({
    source        = ["aws.config"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = ["config.amazonaws.com"]
      eventName   = [{ prefix = "Delete" }]
    }
  })
}

resource "aws_cloudwatch_event_target" "config_deletes" {
  rule = aws_cloudwatch_event_rule.config_deletes.name
  arn  = aws_sns_topic.alerts.arn
}

# Matches everything, but has no target: it alerts no one.
resource "aws_cloudwatch_event_rule" "everything" {
  name          = "all-config-api-calls"
  event_pattern = <<EOT
{"source": ["aws.config"]}
EOT
}
