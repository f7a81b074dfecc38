bucket_name = "from-tfvars"
auto_order  = "tfvars"
undeclared  = "ignored"
