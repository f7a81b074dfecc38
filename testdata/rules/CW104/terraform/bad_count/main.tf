# Keys made with count: the setting is written once in the block, for every
# instance.
resource "aws_kms_key" "data" { # want CW104 `KMS key "aws_kms_key.data\[0\]" does not rotate` CW104 `KMS key "aws_kms_key.data\[1\]" does not rotate`
  count       = 2
  description = "data key ${count.index}"
}
