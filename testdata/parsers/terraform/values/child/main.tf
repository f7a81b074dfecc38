variable "nullable_off" {
  type     = string
  nullable = false
  default  = "child-default"
}

output "path" {
  value = path.module
}

output "value" {
  value = var.nullable_off
}
