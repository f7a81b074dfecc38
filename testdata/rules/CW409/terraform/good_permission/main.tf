data "aws_caller_identity" "current" {}

resource "aws_lambda_function" "rule" {
  function_name = "tagged-buckets-rule"
  role          = "arn:aws:iam::111122223333:role/config-rule-function"
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "rule.zip"
}

resource "aws_lambda_permission" "config" {
  statement_id   = "AllowConfigInvoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.rule.function_name
  principal      = "config.amazonaws.com"
  source_account = data.aws_caller_identity.current.account_id
}

resource "aws_config_config_rule" "tagged" {
  name = "buckets-are-tagged"

  source {
    owner             = "CUSTOM_LAMBDA"
    source_identifier = aws_lambda_function.rule.arn
    source_detail {
      message_type = "ConfigurationItemChangeNotification"
    }
  }

  depends_on = [aws_lambda_permission.config]
}
