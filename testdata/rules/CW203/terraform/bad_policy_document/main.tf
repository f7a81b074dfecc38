data "aws_iam_policy_document" "config_bucket" {
  statement {
    sid       = "AWSConfigBucketDelivery"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::config-bucket/AWSLogs/111122223333/Config/*"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["111122223333"]
    }
    condition {
      test     = "StringEqualsIfExists"
      variable = "aws:SourceOrgID" # want CW203 `^bucket policy "aws_s3_bucket_policy\.config": aws:SourceOrgID uses StringEqualsIfExists`
      values   = ["o-a1b2c3d4e5"]
    }
  }
  statement {
    sid       = "AWSConfigBucketPermissionsCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = ["arn:aws:s3:::config-bucket"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [011122223333] # want CW203 `aws:SourceAccount value "11122223333" is not a 12-digit account id`
    }
  }
}

resource "aws_s3_bucket_policy" "config" {
  bucket = "config-bucket"
  policy = data.aws_iam_policy_document.config_bucket.json
}
