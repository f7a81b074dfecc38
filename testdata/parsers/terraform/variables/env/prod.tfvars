from_var_file = "var-file"
