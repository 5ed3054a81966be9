PRIVATE_KEY = """
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
«b70»
«b70»
«b70»
«b70»
«b24»==
-----END OPENSSH PRIVATE KEY-----
"""


def sign(payload: bytes) -> bytes:
    return _sign(PRIVATE_KEY, payload)
