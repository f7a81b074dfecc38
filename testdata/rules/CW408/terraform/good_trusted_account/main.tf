# Checked with the .configward.yml next to it, which trusts 011122223333.
variable "aggregator_account" {
  type = string
}

resource "aws_config_aggregate_authorization" "audit" {
  account_id = "011122223333"
  region     = "us-east-1"
}

resource "aws_config_aggregate_authorization" "from_variable" {
  account_id = var.aggregator_account
  region     = "us-east-1"
}
