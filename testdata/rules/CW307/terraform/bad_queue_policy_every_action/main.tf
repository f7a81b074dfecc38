# a queue policy granting every action to a role of another account
resource "aws_sqs_queue_policy" "example" {
  queue_url = "https://sqs.us-east-1.amazonaws.com/111122223333/example"
  policy = jsonencode({
    "Version": "2012-10-17",
    "Statement": [
      {
        "Sid": "EveryAction",
        "Effect": "Allow",
        "Principal": {
          "AWS": "arn:aws:iam::444455556666:role/consumer"
        },
        "Action": "*", // want CW307 `^queue policy "aws_sqs_queue_policy\.example" grants every action of every service \("\*"\) to arn:aws:iam::444455556666:role/consumer$`
        "Resource": "arn:aws:sqs:us-east-1:111122223333:example"
      }
    ]
  })
}
