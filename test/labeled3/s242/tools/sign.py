SIGNING_KEY = """
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASC«b32»
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
-----END PRIVATE KEY-----
"""


def sign(data: bytes) -> bytes:
    raise NotImplementedError
