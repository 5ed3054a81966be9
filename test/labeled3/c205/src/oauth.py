response = {
    "access_token": access_token,
    "token_type": "Bearer",
    "expires_in": 3600,
}
