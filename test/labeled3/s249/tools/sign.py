SIGNING_KEY = """
-----BEGIN PGP PRIVATE KEY BLOCK-----

«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b64»
«b28»==
-----END PGP PRIVATE KEY BLOCK-----
"""


def sign(data: bytes) -> bytes:
    raise NotImplementedError
