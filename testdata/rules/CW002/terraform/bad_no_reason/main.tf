# want +1 CW002 "has no reason"
# configward:ignore CW101
resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "config-history"
}
