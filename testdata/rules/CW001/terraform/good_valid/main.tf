variable "name" {
  type    = string
  default = "logs"
}

resource "aws_s3_bucket" "logs" {
  bucket = var.name
}
