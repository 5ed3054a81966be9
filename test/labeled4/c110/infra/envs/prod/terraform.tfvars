region        = "eu-west-1"
instance_type = "t3.medium"
telegram_bot_token = "var.api_key"
