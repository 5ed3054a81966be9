region        = "eu-west-1"
instance_type = "t3.medium"
gemini_api_key = "<insert-token-here>"
