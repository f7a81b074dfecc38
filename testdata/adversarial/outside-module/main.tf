module "escape" {
  source = "../../../etc"
}
