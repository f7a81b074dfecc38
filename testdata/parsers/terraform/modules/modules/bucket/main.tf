variable "bucket_name" {
  type = string
}

variable "encrypt" {
  type    = bool
  default = false
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count  = var.encrypt ? 1 : 0
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = file("${path.module}/../../policies/bucket.json")
}

output "bucket_name" {
  value = aws_s3_bucket.this.bucket
}

output "path" {
  value = path.module
}
