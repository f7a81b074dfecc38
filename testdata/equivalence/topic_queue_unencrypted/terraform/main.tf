# A topic without a key and a queue that turns SQS-managed encryption off,
# subscribed to the topic; the topic policy is separate.
resource "aws_sns_topic" "alerts" {
  name = "example-alerts"
}

resource "aws_sns_topic_policy" "alerts" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.alerts.arn
    }]
  })
}

resource "aws_sqs_queue" "inbox" {
  name                    = "example-inbox"
  sqs_managed_sse_enabled = false
}

resource "aws_sns_topic_subscription" "inbox" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "sqs"
  endpoint  = aws_sqs_queue.inbox.arn
}
