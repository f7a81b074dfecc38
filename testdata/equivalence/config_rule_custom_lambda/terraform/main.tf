# A custom rule whose function no permission lets AWS Config invoke, and a
# function permission for Config without a source account.
resource "aws_config_config_rule" "rule" {
  name = "example-custom"
  source {
    owner             = "CUSTOM_LAMBDA"
    source_identifier = aws_lambda_function.check.arn
    source_detail {
      event_source = "aws.config"
      message_type = "ConfigurationItemChangeNotification"
    }
  }
}

resource "aws_lambda_function" "check" {
  function_name = "example-check"
  runtime       = "python3.12"
  handler       = "index.handler"
  role          = "arn:aws:iam::111122223333:role/example-check"
  filename      = "check.zip"
}

resource "aws_lambda_function" "other" {
  function_name = "example-other"
  runtime       = "python3.12"
  handler       = "index.handler"
  role          = "arn:aws:iam::111122223333:role/example-check"
  filename      = "check.zip"
}

resource "aws_lambda_permission" "other" {
  function_name = aws_lambda_function.other.function_name
  action        = "lambda:InvokeFunction"
  principal     = "config.amazonaws.com"
}
