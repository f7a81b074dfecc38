resource "aws_sns_topic" "config" { # want CW105 `SNS topic "aws_sns_topic.config" is not encrypted with a KMS key \(kms_master_key_id is not set\).*notification topic of delivery channel "aws_config_delivery_channel.main"`
  name = "config-events"
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "example-config-history"
  sns_topic_arn  = aws_sns_topic.config.arn
}
