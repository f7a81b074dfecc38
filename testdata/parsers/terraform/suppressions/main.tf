# configward:ignore CW102 legacy bucket, encrypted by the account default
resource "aws_s3_bucket" "legacy" {
  bucket = "legacy" # configward:ignore CW601
}

// configward:ignore CW101,CW404 channel managed by the landing zone
resource "aws_config_delivery_channel" "lz" {
  /* configward:ignore CW504 no topic in this account */
  s3_bucket_name = "lz-logs"
}

resource "aws_sns_topic" "t" {
  # a plain comment
  # configward:ignored is not a directive
  name = "t"
}

/* configward:ignore CW105   reason
   on two lines */ resource "aws_sns_topic" "u" {}
