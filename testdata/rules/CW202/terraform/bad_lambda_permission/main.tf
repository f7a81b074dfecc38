resource "aws_lambda_permission" "config_rule" {
  statement_id  = "AllowConfig"
  action        = "lambda:InvokeFunction"
  function_name = "config-rule-handler"
  principal     = "config.amazonaws.com" # want CW202 `function permission "aws_lambda_permission\.config_rule" lets service principal config\.amazonaws\.com invoke the Lambda function without source_account or source_arn`
}
