resource "aws_iam_role" "config" {
  name = "config-recorder"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" } # want CW201 `trust policy of role "aws_iam_role\.config" lets service principal config\.amazonaws\.com assume it without an aws:SourceAccount`
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role" "remediation" {
  name = "config-remediation"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ssm.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEqualsIfExists = { "aws:SourceAccount" = "111122223333" }
      }
    }]
  })
}
