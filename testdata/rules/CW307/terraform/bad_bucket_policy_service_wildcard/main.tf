# a bucket policy granting s3:* to another account
resource "aws_s3_bucket_policy" "example" {
  bucket = "example-bucket"
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "PartnerFullAccess",
        "Effect": "Allow",
        "Principal": {
          "AWS": "arn:aws:iam::444455556666:root"
        },
        "Action": "s3:*", // want CW307 `^bucket policy "aws_s3_bucket_policy\.example" grants every s3 action \("s3:\*"\) to arn:aws:iam::444455556666:root$`
        "Resource": [
          "arn:aws:s3:::example-bucket",
          "arn:aws:s3:::example-bucket/*"
        ]
      }
    ]
  })
}
