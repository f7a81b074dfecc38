resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
}

resource "aws_sns_topic" "alerts" {
  name = "security-alerts"
}

resource "aws_cloudwatch_event_rule" "config_tamper" {
  name = "config-tamper"
  event_pattern = jsonencode({
    source        = ["aws.config"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail = {
      eventSource = ["config.amazonaws.com"]
    }
  })
}

resource "aws_cloudwatch_event_target" "config_tamper" {
  rule = aws_cloudwatch_event_rule.config_tamper.name
  arn  = aws_sns_topic.alerts.arn
}
