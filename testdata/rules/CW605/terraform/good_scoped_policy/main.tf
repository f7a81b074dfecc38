resource "aws_vpc_endpoint" "config" {
  vpc_id              = "vpc-0123456789abcdef0"
  service_name        = "com.amazonaws.eu-west-1.config"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}

resource "aws_vpc_endpoint_policy" "config" {
  vpc_endpoint_id = aws_vpc_endpoint.config.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["config:Describe*", "config:Get*", "config:List*"]
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcdef1234" } }
    }]
  })
}
