# ArnLikeIfExists passes when aws:SourceArn is absent
resource "aws_sqs_queue_policy" "example" {
  queue_url = "https://sqs.us-east-1.amazonaws.com/111122223333/example"
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "IfExists",
        "Effect": "Allow",
        "Principal": {
          "Service": "sns.amazonaws.com"
        },
        "Action": "sqs:SendMessage",
        "Resource": "arn:aws:sqs:us-east-1:111122223333:example",
        "Condition": {
          "ArnLikeIfExists": {
            "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic" // want CW203 `^queue policy "aws_sqs_queue_policy\.example": aws:SourceArn uses ArnLikeIfExists, which passes when the key is absent; nothing else scopes the statement against the confused deputy$`
          }
        }
      }
    ]
  })
}
