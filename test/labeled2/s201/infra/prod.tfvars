region      = "eu-west-1"
instance_type = "t3.small"
new_relic_api_key = "NRAK-«U27»"
