variable "extra_action" {
  type = string
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*", var.extra_action, "s3:${var.extra_action}"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "from_doc" {
  name   = "from-doc"
  policy = data.aws_iam_policy_document.doc.json
}

resource "aws_iam_policy" "encoded" {
  name = "encoded"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["S3:getobject", "s3:*Object"], Resource = "*" }]
  })
}
