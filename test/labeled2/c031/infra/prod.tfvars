region      = "eu-west-1"
instance_type = "t3.small"
anthropic_api_key = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
