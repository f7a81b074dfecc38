resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "config-history"
}

resource "aws_sns_topic" "alerts" {
  name = "config-events"
}

resource "aws_cloudwatch_event_rule" "config" {
  name = "config-events"
  event_pattern = jsonencode({
    source = ["aws.config"]
  })
}

resource "aws_cloudwatch_event_target" "config" {
  rule = aws_cloudwatch_event_rule.config.name
  arn  = aws_sns_topic.alerts.arn
}
