resource "aws_iam_policy" "inline_json" {
  name   = "inline-json"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObjects\",\"Resource\":\"*\"}]}" # want CW314 `^policy "aws_iam_policy\.inline_json": unknown action "s3:GetObjects"`
}

resource "aws_iam_policy" "encoded" {
  name = "encoded"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:Get*", "s3:ListBuckets"] # want CW314 `unknown action "s3:ListBuckets" \(did you mean s3:ListBucket\?\)`
      Resource = "*"
    }]
  })
}

# want +9 CW314 `unknown service prefix "confg"`
resource "aws_iam_role_policy" "heredoc" {
  name   = "heredoc"
  role   = "config-role"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Deny",
    "Action": "confg:StopConfigurationRecorder",
    "Resource": "*"
  }]
}
POLICY
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKeys*"] # want CW314 `action pattern "kms:GenerateDataKeys\*" matches no IAM action`
    resources = ["*"]
  }
}

resource "aws_iam_policy" "from_doc" {
  name   = "from-doc"
  policy = data.aws_iam_policy_document.doc.json
}
