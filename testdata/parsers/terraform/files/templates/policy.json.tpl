{
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Service": "${service}"},
      "Action": "sns:Publish",
      "Resource": "*",
      "Condition": {"StringEquals": {"aws:SourceAccount": "${account}"}}
    }
  ]
}
