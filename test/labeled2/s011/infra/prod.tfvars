region      = "eu-west-1"
instance_type = "t3.small"
anthropic_api_key = "sk-ant-api03-«u93»AA"
