variable "name" {
  default = "base"
}

locals {
  prefix = "base"
  kept   = "kept"
}

resource "aws_s3_bucket" "b" {
  bucket = "${local.prefix}-${var.name}"
  acl    = "private"

  versioning {
    enabled = false
  }

  logging {
    target_bucket = "logs"
  }
}

resource "aws_config_delivery_channel" "c" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.b.bucket
}
