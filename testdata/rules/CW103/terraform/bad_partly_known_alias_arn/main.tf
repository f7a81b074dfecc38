# A value with unknown parts still names the AWS managed key
data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "example-config-history"
  s3_kms_key_arn = "arn:${data.aws_partition.current.partition}:kms:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:alias/aws/s3" // want CW103 `delivery channel "aws_config_delivery_channel.main" encrypts AWS Config deliveries with the AWS managed key alias/aws/s3`
}
