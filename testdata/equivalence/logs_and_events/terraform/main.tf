# A log group without a key, a metric filter on it, and an EventBridge rule
# on AWS Config events with a separate target.
resource "aws_cloudwatch_log_group" "audit" {
  name = "example-audit"
}

resource "aws_cloudwatch_log_metric_filter" "config_changes" {
  name           = "config-changes"
  log_group_name = aws_cloudwatch_log_group.audit.name
  pattern        = "{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel)) }"
  metric_transformation {
    name      = "ConfigChanges"
    namespace = "Example"
    value     = "1"
  }
}

resource "aws_cloudwatch_event_rule" "config_events" {
  name          = "example-config-events"
  state         = "ENABLED"
  event_pattern = jsonencode({ source = ["aws.config"] })
}

resource "aws_cloudwatch_event_target" "ops" {
  rule = aws_cloudwatch_event_rule.config_events.name
  arn  = "arn:aws:sns:us-east-1:111122223333:ops"
}
