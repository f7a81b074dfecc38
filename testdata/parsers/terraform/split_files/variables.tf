variable "bucket_name" {
  default = "acme-config"
}
