resource "aws_kms_key" "history" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_alias" "history" {
  name          = "alias/config"
  target_key_id = aws_kms_key.history.key_id
}
