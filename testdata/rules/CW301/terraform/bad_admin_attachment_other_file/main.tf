# The issue's acceptance case: the recorder is in main.tf, the role and its
# AdministratorAccess attachment in iam.tf.
resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = aws_iam_role.config.arn

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}
