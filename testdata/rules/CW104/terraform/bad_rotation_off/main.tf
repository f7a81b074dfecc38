resource "aws_kms_key" "config" { # want CW104 `KMS key "aws_kms_key.config" does not rotate its key material automatically \(enable_key_rotation is not true\)`
  description = "AWS Config delivery"
}

resource "aws_kms_key" "data" {
  enable_key_rotation = false # want CW104 `KMS key "aws_kms_key.data" does not rotate`
}
