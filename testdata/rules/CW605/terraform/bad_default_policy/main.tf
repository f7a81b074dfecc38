resource "aws_vpc_endpoint" "config" { # want CW605 `AWS Config interface endpoint "aws_vpc_endpoint.config" has no endpoint policy`
  vpc_id              = "vpc-0123456789abcdef0"
  service_name        = "com.amazonaws.eu-west-1.config"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
