variable "name" {
  type = string
}

resource "aws_vpc" "this" {
  cidr_block = cidrsubnet("10.0.0.0/8", 8, 1)
  tags = {
    Name = var.name
  }
}

output "name_tag" {
  value = "${var.name}-vpc"
}
