# A bucket policy written as JSON in a heredoc, its resources interpolated:
# the fix adds the Deny in JSON, where the policy is written.
resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id # want +1 CW106 `bucket policy of "aws_s3_bucket.logs" has no Deny for every principal`
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadFromAudit",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "s3:GetObject",
      "Resource": "${aws_s3_bucket.logs.arn}/*"
    }
  ]
}
EOT
}
