data "aws_partition" "current" {}

resource "aws_iam_role" "remediation" {
  name = "config-remediation"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ssm.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  managed_policy_arns = [
    "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMFullAccess", # want CW301 `remediation role "aws_iam_role.remediation" has AWS managed policy AmazonSSMFullAccess attached: full control of a service`
  ]
}

resource "aws_iam_role_policy" "remediation" {
  role = aws_iam_role.remediation.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:*"] # want CW301 `role policy "aws_iam_role_policy.remediation" allows kms:\* on every resource`
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:*" # want CW301 `allows iam:\* on every resource`
        Resource = "*"
      },
    ]
  })
}

resource "aws_config_remediation_configuration" "encrypt" {
  config_rule_name = "s3-bucket-server-side-encryption-enabled"
  target_type      = "SSM_DOCUMENT"
  target_id        = "AWS-EnableS3BucketEncryption"

  parameter {
    name         = "AutomationAssumeRole"
    static_value = aws_iam_role.remediation.arn
  }
}
