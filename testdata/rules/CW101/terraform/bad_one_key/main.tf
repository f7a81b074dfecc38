# The module's one customer managed key lets AWS Config generate data keys:
# the fix encrypts the delivery with it.
resource "aws_kms_key" "config" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ConfigDelivery"
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
    }]
  })
}

resource "aws_s3_bucket" "config" {
  bucket = "config-history"
}

resource "aws_config_delivery_channel" "main" { # want CW101 `delivery channel "aws_config_delivery_channel.main" does not set s3_kms_key_arn`
  name           = "default"
  s3_bucket_name = aws_s3_bucket.config.id
}
