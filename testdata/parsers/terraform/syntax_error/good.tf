resource "aws_sqs_queue" "fine" {
  name = "fine"
}

resource "aws_s3_bucket" {
  bucket = "missing label"
}
