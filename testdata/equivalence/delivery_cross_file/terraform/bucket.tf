resource "aws_s3_bucket" "history" {
  bucket = "example-config-history"
}
