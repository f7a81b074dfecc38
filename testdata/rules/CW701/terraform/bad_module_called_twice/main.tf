# A local module called twice: its bucket is fixed once, in the module's
# file.
module "logs" {
  source = "./modules/bucket"
  name   = "example-logs"
}

module "data" {
  source = "./modules/bucket"
  name   = "example-data"
}
