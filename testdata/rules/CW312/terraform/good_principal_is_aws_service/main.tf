# Principal * with Bool aws:PrincipalIsAWSService true admits only AWS services
resource "aws_s3_bucket_policy" "example" {
  bucket = "example-bucket"
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "OnlyAWSServices",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:PutObject",
        "Resource": "arn:aws:s3:::example-bucket/logs/*",
        "Condition": {
          "Bool": {
            "aws:PrincipalIsAWSService": "true"
          },
          "StringEquals": {
            "aws:SourceAccount": "111122223333"
          }
        }
      }
    ]
  })
}
