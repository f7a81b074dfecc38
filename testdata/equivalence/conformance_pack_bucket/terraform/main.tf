# A conformance pack delivering to a bucket of the module.
resource "aws_config_conformance_pack" "pack" {
  name               = "example"
  delivery_s3_bucket = aws_s3_bucket.results.id
  template_body      = "Resources: {}"
}

resource "aws_s3_bucket" "results" {
  bucket = "example-pack-results"
}

resource "aws_s3_bucket_versioning" "results" {
  bucket = aws_s3_bucket.results.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "results" {
  bucket = aws_s3_bucket.results.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_policy" "results" {
  bucket = aws_s3_bucket.results.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-pack-results/*"
    }]
  })
}
