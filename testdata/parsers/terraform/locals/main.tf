variable "prefix" {
  default = "acme"
}

locals {
  # a chain declared out of order
  full_name = "${local.base}-logs"
  base      = "${var.prefix}-${local.region}"
  region    = "eu-west-1"
  names     = [local.full_name, upper(local.region)]
  settings = {
    versioning = true
    retention  = length(local.names) * 10
  }
}

locals {
  # a cycle: both are unknown
  ping = "${local.pong}-x"
  pong = local.ping
  uses_cycle = local.ping
}

resource "aws_s3_bucket" "b" {
  bucket   = local.full_name
  names    = local.names
  settings = local.settings
  cyclic   = local.uses_cycle
  missing  = local.not_declared
}
