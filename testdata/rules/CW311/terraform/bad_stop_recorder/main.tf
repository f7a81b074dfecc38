data "aws_iam_policy_document" "ops" {
  statement {
    actions   = ["config:StopConfigurationRecorder", "config:StartConfigurationRecorder"] # want CW311 `policy "aws_iam_policy.ops" allows config:StopConfigurationRecorder on every resource`
    resources = ["*"]
  }
}

resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}
