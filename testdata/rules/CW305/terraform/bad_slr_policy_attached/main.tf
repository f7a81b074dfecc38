resource "aws_iam_role" "config" {
  name = "AWSServiceRoleForConfig" # want CW305 `role "aws_iam_role.config" is a customer role named AWSServiceRoleForConfig`
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
