variable "bucket_name" {
  type    = string
  default = "from-default"
}

variable "env" {
  type    = string
  default = "dev"
}

variable "retention_days" {
  type    = number
  default = 30
}

variable "from_auto" {
  type = string
}

variable "auto_order" {
  type    = string
  default = "default"
}

variable "from_var_file" {
  type    = string
  default = "default"
}

variable "from_cli" {
  type = list(string)
}

variable "cli_string" {
  type    = string
  default = "default"
}

variable "unset" {
  type = string
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "hunter2"
}

variable "tags" {
  type = object({
    team  = string
    owner = optional(string, "platform")
  })
  default = { team = "security" }
}
