data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com", "lambda.amazonaws.com"] # want CW302 `trusts service principal lambda.amazonaws.com besides config.amazonaws.com`
    }
  }
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:saml-provider/corp"] # want CW302 `trusts federated principal arn:aws:iam::111122223333:saml-provider/corp`
    }
  }
}

resource "aws_iam_role" "config" {
  name               = "aws-config-recorder"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_config_configuration_recorder" "main" {
  role_arn = aws_iam_role.config.arn
}
