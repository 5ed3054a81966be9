import secrets
import string

ALPHABET = string.ascii_letters + string.digits + "!@#$%"
password = "".join(secrets.choice(ALPHABET) for _ in range(20))
