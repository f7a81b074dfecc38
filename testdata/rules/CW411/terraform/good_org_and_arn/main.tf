variable "org_id" {
  type = string
}

resource "aws_s3_bucket" "pack" {
  bucket = "awsconfigconforms-example"
}

resource "aws_s3_bucket_policy" "pack" {
  bucket = aws_s3_bucket.pack.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "${aws_s3_bucket.pack.arn}/*"
      Condition = {
        StringEquals = { "aws:PrincipalOrgID" = var.org_id }
        ArnLike      = { "aws:PrincipalArn" = "arn:aws:iam::*:role/aws-service-role/config-conforms.amazonaws.com/AWSServiceRoleForConfigConforms" }
      }
    }]
  })
}

resource "aws_config_conformance_pack" "pack" {
  name               = "operational-best-practices"
  delivery_s3_bucket = aws_s3_bucket.pack.id
  template_s3_uri    = "s3://awsconfigconforms-example/templates/pack.yaml"
}
