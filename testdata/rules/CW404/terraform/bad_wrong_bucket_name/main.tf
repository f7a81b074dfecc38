resource "aws_s3_bucket" "config" {
  bucket = "example-config-history"
}

resource "aws_s3_bucket_policy" "config" {
  bucket = aws_s3_bucket.config.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${aws_s3_bucket.config.arn}/AWSLogs/*"
    }]
  })
}

resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = "example-config-histroy" # want CW404 `names bucket "example-config-histroy", but the bucket this module prepares for AWS Config delivery is "example-config-history"`
}

resource "aws_config_delivery_channel" "empty" {
  name           = "other"
  s3_bucket_name = "" # want CW404 `has an empty s3_bucket_name`
}
