data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid       = "Write"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "extra" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "override" {
  statement {
    sid       = "Write"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

# source documents first, then own statements (Read replaced), then
# override documents (Write replaced).
data "aws_iam_policy_document" "merged" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json, data.aws_iam_policy_document.extra.json]
  override_policy_documents = [data.aws_iam_policy_document.override.json]

  statement {
    sid       = "Read"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["arn:aws:s3:::b/*"]
  }
  statement {
    actions   = ["s3:GetBucketAcl"]
    resources = ["arn:aws:s3:::b"]
  }
}

data "aws_iam_policy_document" "from_json" {
  source_policy_documents = [jsonencode({
    Statement = [{ Sid = "J", Effect = "Allow", Action = "sqs:*", Resource = "*" }]
  })]
}

data "aws_iam_policy_document" "unknown_source" {
  source_policy_documents = [var.external]
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

variable "external" {
  type = string
}

resource "aws_iam_policy" "merged" {
  policy = data.aws_iam_policy_document.merged.json
}

resource "aws_iam_policy" "from_json" {
  policy = data.aws_iam_policy_document.from_json.json
}

resource "aws_iam_policy" "unknown" {
  policy = data.aws_iam_policy_document.unknown_source.json
}
