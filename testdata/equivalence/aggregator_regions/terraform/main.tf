# An aggregator of listed Regions with an organization role, and an
# authorization for another account.
resource "aws_config_configuration_aggregator" "org" {
  name = "org"
  organization_aggregation_source {
    role_arn = aws_iam_role.aggregator.arn
    regions  = ["us-east-1", "eu-west-1"]
  }
}

resource "aws_iam_role" "aggregator" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations"]
}

resource "aws_config_aggregate_authorization" "other" {
  account_id = "444455556666"
  region     = "us-east-1"
}
