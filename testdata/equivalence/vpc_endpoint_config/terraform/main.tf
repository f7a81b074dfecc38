# An interface endpoint for AWS Config without private DNS or a policy.
resource "aws_vpc_endpoint" "config" {
  vpc_id              = "vpc-0123456789abcdef0"
  service_name        = "com.amazonaws.us-east-1.config"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = false
}
