data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["config:Get*", "config:Describe*", "s3:*Object"]
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["config:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "doc" {
  name   = "doc"
  policy = data.aws_iam_policy_document.doc.json
}
