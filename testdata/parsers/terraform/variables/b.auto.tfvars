auto_order = "b-auto"
