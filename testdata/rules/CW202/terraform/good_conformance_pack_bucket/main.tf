variable "org_id" {
  type = string
}

resource "aws_s3_bucket" "conforms" {
  bucket = "awsconfigconforms-example"
}

resource "aws_s3_bucket_policy" "conforms" {
  bucket = aws_s3_bucket.conforms.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowGetObject"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "${aws_s3_bucket.conforms.arn}/*"
      Condition = {
        StringEquals = { "aws:PrincipalOrgID" = var.org_id }
        ArnLike      = { "aws:PrincipalArn" = "arn:aws:iam::*:role/aws-service-role/config-conforms.amazonaws.com/AWSServiceRoleForConfigConforms" }
      }
    }]
  })
}
