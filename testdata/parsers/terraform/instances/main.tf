variable "buckets" {
  default = {
    eu = "acme-logs-eu"
    us = "acme-logs-us"
  }
}

variable "unknown_count" {
  type = number
}

# for_each over a map: one instance per key.
resource "aws_s3_bucket" "logs" {
  for_each = var.buckets
  bucket   = each.value
  tags = {
    Region = each.key
  }
}

# for_each over the resource: each.value refers to the bucket of the key.
resource "aws_s3_bucket_versioning" "logs" {
  for_each = aws_s3_bucket.logs
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

# An index with each.key.
resource "aws_s3_bucket_public_access_block" "logs" {
  for_each                = toset(keys(var.buckets))
  bucket                  = aws_s3_bucket.logs[each.key].id
  block_public_acls       = each.key == "eu"
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# count with a known value.
resource "aws_sns_topic" "numbered" {
  count = 2
  name  = "topic-${count.index}"
}

# count of zero: no instance.
resource "aws_sns_topic" "none" {
  count = 0
  name  = "never"
}

# count that is not known: one instance whose address says so.
resource "aws_sqs_queue" "maybe" {
  count = var.unknown_count
  name  = "queue-${count.index}"
}

# for_each that is not known.
resource "aws_sqs_queue" "per_item" {
  for_each = toset(aws_sns_topic.numbered[*].arn)
  name     = each.key
}

# dynamic blocks expand, nested ones too.
resource "aws_security_group" "web" {
  name = "web"

  dynamic "ingress" {
    for_each = [80, 443]
    content {
      from_port = ingress.value
      to_port   = ingress.value
      protocol  = "tcp"

      dynamic "cidr" {
        for_each = { a = "10.0.0.0/8" }
        iterator = block
        content {
          block = block.value
          key   = "${ingress.key}-${block.key}"
        }
      }
    }
  }

  dynamic "egress" {
    for_each = var.unknown_count > 0 ? [1] : []
    content {
      from_port = 0
    }
  }
}

# Splats and references to instances.
resource "aws_config_delivery_channel" "main" {
  name           = "default"
  s3_bucket_name = aws_s3_bucket.logs["eu"].bucket
  sns_topic_arn  = aws_sns_topic.numbered[1].arn
  s3_key_prefix  = join(",", [for k, v in aws_s3_bucket.logs : k])
}
