resource "aws_s3_bucket" "config" {
  bucket = "config-delivery-example"
}

resource "aws_iam_policy" "delivery" {
  name = "config-delivery"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:PutObject"], Resource = "${aws_s3_bucket.config.arn}/AWSLogs/*" },
      { Effect = "Allow", Action = "*", Resource = aws_s3_bucket.config.arn },
      { Effect = "Deny", Action = "*", Resource = "*" },
    ]
  })
}

variable "actions" {
  type = list(string)
}

resource "aws_iam_policy" "unknown_actions" {
  name = "unknown"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]
  })
}
