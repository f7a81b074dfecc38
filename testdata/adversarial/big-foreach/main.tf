resource "aws_s3_bucket" "b" {
  for_each = toset([for i in range(1000000) : tostring(i)])
  bucket   = "b-${each.key}"
}
