# Buckets and their split versioning under one for_each whose keys are
# unknown: each versioning names its own bucket instance.
variable "buckets" {
  type = set(string)
}

resource "aws_s3_bucket" "this" {
  for_each = var.buckets
  bucket   = each.key
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = var.buckets
  bucket   = aws_s3_bucket.this[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
}
