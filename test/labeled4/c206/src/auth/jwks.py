# The identity provider's public keys, cached for offline verification.
JWKS = {"keys": [{"kty": "RSA", "kid": "«h16»", "n": "«u342»", "e": "AQAB", "alg": "RS256"}]}
