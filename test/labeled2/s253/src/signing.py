import jwt

PRIVATE_KEY = """«pem:RSA PRIVATE KEY»"""


def sign(claims):
    return jwt.encode(claims, PRIVATE_KEY, algorithm="RS256")
