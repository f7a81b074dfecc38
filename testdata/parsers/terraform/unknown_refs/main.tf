data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

module "network" {
  source = "./network"
}

resource "aws_lambda_permission" "config" {
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.rule.function_name
  principal      = "config.amazonaws.com"
  source_account = data.aws_caller_identity.current.account_id
  source_arn     = "arn:${data.aws_partition.current.partition}:config:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:config-rule/*"
}

resource "aws_lambda_function" "rule" {
  function_name = "rule"
  role          = aws_iam_role.rule[0].arn
  handler       = ("index.handler")
  runtime       = "${data.aws_partition.current.partition}"
  description   = templatefile("${path.module}/desc.tpl", {})
  filename      = file("/etc/passwd")
  memory_size   = length("abcd") * 32
  timeout       = count.index
  environment {
    variables = {
      SUBNET = module.network.subnet_id
      REGION = data.aws_region.current.name
      MIXED  = [for s in ["a", "b"] : upper(s)]
      COND   = true ? "yes" : aws_s3_bucket.x.id
      REPL   = replace("a-b-c", "/-/", "_")
      COAL   = coalesce("", "fallback")
      TRY    = try(var.vpcs[5], "caught")
    }
  }
  dynamic "vpc_config" {
    for_each = var.vpcs
    content {
      subnet_ids = vpc_config.value
    }
  }
}

variable "vpcs" {
  default = []
}
