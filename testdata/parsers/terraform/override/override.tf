variable "name" {
  default = "from-override"
}

locals {
  prefix = "over"
}

resource "aws_s3_bucket" "b" {
  versioning {
    enabled = true
  }
}
