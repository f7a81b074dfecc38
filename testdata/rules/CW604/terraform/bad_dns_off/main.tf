resource "aws_vpc_endpoint" "config" { # want CW604 `AWS Config interface endpoint "aws_vpc_endpoint.config" does not enable private DNS \(private_dns_enabled\)`
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = "com.amazonaws.eu-west-1.config"
  vpc_endpoint_type = "Interface"
}

data "aws_region" "current" {}

resource "aws_vpc_endpoint" "regional" { # want CW604 `"aws_vpc_endpoint.regional" does not enable private DNS`
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = "com.amazonaws.${data.aws_region.current.name}.config"
  vpc_endpoint_type = "Interface"
}
