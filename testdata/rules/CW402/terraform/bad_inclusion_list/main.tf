resource "aws_config_configuration_recorder" "main" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"

  recording_group {
    all_supported  = false # want CW402 `records only the resource types it lists, not all supported types \(not recorded: AWS::EC2::SecurityGroup, AWS::S3::Bucket, AWS::KMS::Key, AWS::CloudTrail::Trail\)`
    resource_types = ["AWS::EC2::Instance"]
  }
}
