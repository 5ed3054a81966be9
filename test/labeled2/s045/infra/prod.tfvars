region      = "eu-west-1"
instance_type = "t3.small"
mistral_api_key = "«A32»"
