resource "aws_config_configuration_aggregator" "org" {
  name = "organization"

  organization_aggregation_source {
    regions  = ["us-east-1", "eu-west-1"] # want CW407 `aggregator "aws_config_configuration_aggregator.org" aggregates its organization source from listed Regions only`
    role_arn = "arn:aws:iam::111122223333:role/config-aggregator"
  }
}
