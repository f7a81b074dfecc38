# aws:PrincipalIsAWSService false admits every account: still public
resource "aws_s3_bucket_policy" "example" {
  bucket = "example-bucket"
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "IfExistsDoesNotNarrow",
        "Effect": "Allow",
        "Principal": "*", // want CW312 `^bucket policy "aws_s3_bucket_policy\.example" allows s3:GetObject to any principal \("\*"\) without a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount or similar$`
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::example-bucket/*",
        "Condition": {
          "BoolIfExists": {
            "aws:PrincipalIsAWSService": "false"
          }
        }
      }
    ]
  })
}
