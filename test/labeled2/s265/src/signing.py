import jwt

SIGNING_KEY = """«pem:PRIVATE KEY»"""


def sign(claims):
    return jwt.encode(claims, SIGNING_KEY, algorithm="RS256")
