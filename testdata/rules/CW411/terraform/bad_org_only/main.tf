resource "aws_s3_bucket" "pack" {
  bucket = "awsconfigconforms-example"
}

data "aws_iam_policy_document" "pack" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.pack.arn}/*"]
    principals { # want CW411 `bucket "aws_s3_bucket.pack", the delivery bucket of conformance pack "aws_config_conformance_pack.pack", allows every principal \("\*"\) without an aws:PrincipalOrgID condition`
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:role/aws-service-role/config-conforms.amazonaws.com/AWSServiceRoleForConfigConforms"]
    }
  }
}

resource "aws_s3_bucket_policy" "pack" {
  bucket = aws_s3_bucket.pack.id
  policy = data.aws_iam_policy_document.pack.json
}

resource "aws_config_conformance_pack" "pack" {
  name               = "operational-best-practices"
  delivery_s3_bucket = aws_s3_bucket.pack.bucket
  template_s3_uri    = "s3://awsconfigconforms-example/templates/pack.yaml"
}
