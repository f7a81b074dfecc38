data "aws_kms_alias" "s3" {
  name = "alias/aws/s3"
}

data "aws_kms_key" "sns" {
  key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "config" {
  name              = "config-events"
  kms_master_key_id = data.aws_kms_key.sns.arn # want CW103 `SNS topic "aws_sns_topic.config" is encrypted with the AWS managed key alias/aws/sns`
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "example-config-history"
  s3_kms_key_arn = data.aws_kms_alias.s3.target_key_arn # want CW103 `delivery channel "aws_config_delivery_channel.main" encrypts AWS Config deliveries with the AWS managed key alias/aws/s3`
  sns_topic_arn  = aws_sns_topic.config.arn
}
