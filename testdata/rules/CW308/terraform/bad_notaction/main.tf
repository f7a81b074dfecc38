data "aws_iam_policy_document" "power" {
  statement {
    not_actions = ["iam:*"] # want CW308 `^policy "aws_iam_policy\.power" allows every action except "iam:\*"`
    resources   = ["*"]
  }
}

resource "aws_iam_policy" "power" {
  name   = "power"
  policy = data.aws_iam_policy_document.power.json
}

resource "aws_iam_role_policy" "encoded" {
  name = "encoded"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect      = "Allow"
      Action      = ["kms:DescribeKey", "kms:ScheduleKeyDeletion"]
      NotResource = ["arn:aws:kms:us-east-1:111122223333:key/keep"] # want CW308 `allows kms:ScheduleKeyDeletion \(write\) on every resource except`
    }]
  })
}
