resource "aws_config_delivery_channel" "c" {
  s3_kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}

resource "aws_sns_topic" "no_base" {
  name = "orphan"
}
