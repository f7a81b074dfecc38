resource "aws_sns_topic_policy" "config" {
  arn = "arn:aws:sns:us-east-1:111122223333:config"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:us-east-1:111122223333:config"
      Condition = {
        StringEquals = { "aws:SourceArn" = "arn:aws:config:*:111122223333:*" } # want CW203 `^topic policy "aws_sns_topic_policy\.config": StringEquals compares aws:SourceArn literally`
      }
    }]
  })
}

# want +13 CW203 `aws:PrincipalOrgID is never present when a service principal`
resource "aws_iam_role" "remediation" {
  name               = "remediation"
  assume_role_policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Service": "ssm.amazonaws.com"},
    "Action": "sts:AssumeRole",
    "Condition": {
      "StringEquals": {
        "aws:SourceAccount": "111122223333",
        "aws:PrincipalOrgID": "o-a1b2c3d4e5"
      }
    }
  }]
}
POLICY
}

resource "aws_kms_key" "config" {
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"444455556666\"}}}]}" # want CW203 `is set only when an AWS service makes the request`
}
