# want +9 CW201 `trust policy of role "aws_iam_role\.config" lets service principal config\.amazonaws\.com`
resource "aws_iam_role" "config" {
  name               = "config-recorder"
  assume_role_policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Service": "config.amazonaws.com"},
      "Action": "sts:AssumeRole"
    }
  ]
}
POLICY
}
