import jwt

SSH_PRIVATE_KEY = """«sshkey»"""


def sign(claims):
    return jwt.encode(claims, SSH_PRIVATE_KEY, algorithm="RS256")
