resource "aws_lambda_function" "rule" {
  function_name = "tagged-buckets-rule"
  role          = "arn:aws:iam::111122223333:role/config-rule-function"
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "rule.zip"
}

resource "aws_config_config_rule" "tagged" {
  name = "buckets-are-tagged"

  source { # want CW409 `custom rule "aws_config_config_rule.tagged" runs function "aws_lambda_function.rule", but no Lambda permission`
    owner             = "CUSTOM_LAMBDA"
    source_identifier = aws_lambda_function.rule.arn
    source_detail {
      message_type = "ConfigurationItemChangeNotification"
    }
  }
}
