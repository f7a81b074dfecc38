variable "prefix" {
  type = string
}

module "key" {
  source = "../kms"
  alias  = "${var.prefix}-audit"
}

resource "aws_sns_topic" "audit" {
  name              = "${var.prefix}-audit"
  kms_master_key_id = module.key.key_arn
}

output "key_arn" {
  value = module.key.key_arn
}

output "alias" {
  value = module.key.alias_name
}
