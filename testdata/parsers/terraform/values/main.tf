variable "db_password" {
  type      = string
  sensitive = true
  default   = "hunter2"
}

variable "items" {
  type = list(object({
    name = string
    size = optional(number, 10)
  }))
  default = [{ name = "a" }, { name = "b", size = 20 }]
}

variable "nullable_off" {
  type     = string
  nullable = false
  default  = "fallback"
}

variable "unset" {
  type = string
}

module "child" {
  source       = "./child"
  nullable_off = null
}

locals {
  names   = [for i in var.items : upper(i.name)]
  sizes   = { for i in var.items : i.name => i.size if i.size > 10 }
  splat   = var.items[*].name
  cond    = var.unset == "x" ? "yes" : "no"
  known   = length(var.items) > 1 ? "many" : "few"
  tmpl    = "%{for n in local.names}${n};%{endfor}"
  secret  = "pw:${var.db_password}"
}

resource "null_resource" "v" {
  triggers = {
    module_path = path.module
    root_path   = path.root
    workspace   = terraform.workspace
    names       = local.names
    sizes       = local.sizes
    splat       = local.splat
    cond        = local.cond
    known       = local.known
    tmpl        = local.tmpl
    secret      = local.secret
    nullable    = var.nullable_off
    child_path  = module.child.path
    child_value = module.child.value
    try_unset   = try(var.unset, "caught")
    can_unset   = can(var.unset)
  }
}
