# Checked with the .configward.yml next to it, which trusts 111122223333 only.
resource "aws_config_aggregate_authorization" "audit" {
  account_id = "111122223333"
  region     = "us-east-1"
}

resource "aws_config_aggregate_authorization" "vendor" {
  account_id = "444455556666" # want CW408 `aggregation authorization "aws_config_aggregate_authorization.vendor" lets account 444455556666`
  region     = "us-east-1"
}
