PUBLIC_KEY = """«pem:PUBLIC KEY»"""


def verify(token):
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])
