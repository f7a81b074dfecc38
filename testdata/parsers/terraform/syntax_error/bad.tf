resource "aws_s3_bucket" "broken" {
  bucket = "x"
  acl = 
}

resource "aws_sns_topic" "after_error" {
  name = "still-read?"
}
