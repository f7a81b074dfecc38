# Buckets under a for_each whose keys are unknown, each with its split
# settings under the same for_each: every split setting names its own
# bucket instance.
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

resource "aws_s3_bucket_public_access_block" "this" {
  for_each                = aws_s3_bucket.this
  bucket                  = each.value.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}
