resource "aws_s3_bucket" "logs" {
  bucket = "${var.bucket_name}-${var.env}"
  tags   = var.tags
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/${var.env}"
  retention_in_days = var.retention_days
  kms_key_id        = var.unset
}

resource "aws_ssm_parameter" "secret" {
  name  = "db"
  value = var.db_password
  description = upper(var.db_password)
}

resource "aws_sns_topic" "t" {
  name = var.from_auto
  tags = {
    auto_order    = var.auto_order
    from_var_file = var.from_var_file
    cli_string    = var.cli_string
  }
  delivery_policy = var.from_cli
}
