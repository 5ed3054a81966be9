import secrets

print("SECRET_KEY=" + secrets.token_urlsafe(50))
print("WEBHOOK_SECRET=" + secrets.token_hex(32))
