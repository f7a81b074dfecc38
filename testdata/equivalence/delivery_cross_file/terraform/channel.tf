# The delivery channel; its bucket, key and topic are in other files.
resource "aws_config_delivery_channel" "this" {
  s3_bucket_name = "example-config-history"
  s3_kms_key_arn = "arn:aws:kms:us-east-1:111122223333:alias/config"
  sns_topic_arn  = "arn:aws:sns:us-east-1:111122223333:config-events"
}
