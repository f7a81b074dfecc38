resource "aws_kms_key" "config" {
  enable_key_rotation = true
}

resource "aws_kms_key" "signing" {
  customer_master_key_spec = "RSA_4096"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_key" "hsm" {
  custom_key_store_id = "cks-1234567890abcdef0"
}

resource "aws_kms_external_key" "imported" {
  description = "imported key material"
}
