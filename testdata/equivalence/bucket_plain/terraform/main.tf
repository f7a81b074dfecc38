# A bucket with nothing set: no default encryption, no policy, no public
# access block, no versioning.
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}
