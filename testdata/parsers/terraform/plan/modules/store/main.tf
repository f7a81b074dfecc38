variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_config_delivery_channel" "store" {
  name           = "store"
  s3_bucket_name = aws_s3_bucket.this.bucket
  s3_kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

output "bucket" {
  value = aws_s3_bucket.this.bucket
}
