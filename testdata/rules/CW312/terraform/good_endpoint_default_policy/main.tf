# an endpoint policy never grants: Principal * here is not public access
resource "aws_vpc_endpoint" "s3endpoint" {
  service_name = "com.amazonaws.us-east-1.s3"
  vpc_id = "vpc-0123456789abcdef0"
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "*",
        "Resource": "*"
      }
    ]
  })
}
