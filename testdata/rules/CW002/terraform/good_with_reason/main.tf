resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "config-history" // configward:ignore CW101 the bucket enforces a KMS key by policy
}
