SIGNING_KEY = """
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEI«b55»
«b64»
«b28»==
-----END EC PRIVATE KEY-----
"""


def sign(data: bytes) -> bytes:
    raise NotImplementedError
