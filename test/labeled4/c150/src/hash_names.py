# Column names in the vendor export
COLUMNS = ["secret_key_id", "token_hash", "password_changed_at", "api_key_last4"]
