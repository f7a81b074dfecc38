# A bucket policy rendered by an aws_iam_policy_document: the fix adds a
# statement block to the data source.
resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"
}

data "aws_iam_policy_document" "logs" {
  # Read access for the audit account.
  statement {
    sid       = "ReadFromAudit"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.logs.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json # want CW106 `bucket policy of "aws_s3_bucket.logs" has no Deny for every principal`
}
