resource "aws_sns_topic" "huge_range" {
  for_each = toset([for i in range(1e9) : tostring(i)])
  name     = each.key
}

resource "aws_sns_topic" "huge_count" {
  count = 1000000
  name  = "t-${count.index}"
}

resource "aws_sns_topic" "huge_set" {
  name = length(setproduct(range(300), range(300)))
}

locals {
  self_ref = local.self_ref_b
  self_ref_b = "${local.self_ref}-x"
}

module "self" {
  source = "./"
}
