resource "aws_sqs_queue" "config" {
  name                    = "config-events"
  sqs_managed_sse_enabled = false # want CW109 `SQS queue "aws_sqs_queue.config" turns off SQS-managed encryption and sets no kms_master_key_id.*subscribed to topic "aws_sns_topic.config"`
}

resource "aws_sns_topic" "config" {
  name              = "config-events"
  kms_master_key_id = "alias/aws-config"
}

resource "aws_sns_topic_subscription" "config" {
  topic_arn = aws_sns_topic.config.arn
  protocol  = "sqs"
  endpoint  = aws_sqs_queue.config.arn
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "example-config-history"
  sns_topic_arn  = aws_sns_topic.config.arn
}
