resource "aws_sqs_queue" "default" {
  name = "work"
}

resource "aws_sqs_queue" "kms" {
  name              = "kms"
  kms_master_key_id = "alias/aws-config"
}
