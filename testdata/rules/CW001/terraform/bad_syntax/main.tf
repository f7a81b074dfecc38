resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts" "extra" # want CW001 "."
}
