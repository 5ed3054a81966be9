import secrets

SECRET_KEY = secrets.token_urlsafe(64)
print(f"SECRET_KEY={SECRET_KEY}")
