resource "aws_config_delivery_channel" "main" { # want CW504 `delivery channel "aws_config_delivery_channel.main" sets no sns_topic_arn`
  name           = "default"
  s3_bucket_name = "config-history"
}
