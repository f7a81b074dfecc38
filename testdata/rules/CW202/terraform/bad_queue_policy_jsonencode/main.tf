resource "aws_sqs_queue" "events" {
  name = "config-events"
}

resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = ["events.amazonaws.com", "sns.amazonaws.com"] } # want CW202 `events\.amazonaws\.com access without` CW202 `sns\.amazonaws\.com access without`
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.events.arn
      },
      {
        Effect    = "Allow"
        Principal = { Service = "s3.amazonaws.com" }
        Action    = "sqs:SendMessage"
        Resource  = aws_sqs_queue.events.arn
        Condition = { ArnLike = { "aws:SourceArn" = "arn:aws:s3:::*" } }
      },
    ]
  })
}
