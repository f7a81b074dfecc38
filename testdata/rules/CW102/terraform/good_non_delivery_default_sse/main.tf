# A bucket on no delivery path that configures no encryption: S3 encrypts new
# objects with SSE-S3 by default since January 2023.
resource "aws_s3_bucket" "artifacts" {
  bucket = "example-artifacts"
}
