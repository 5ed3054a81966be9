import secrets

SECRET_KEY = secrets.token_urlsafe(50)
API_TOKEN_BYTES = 32
