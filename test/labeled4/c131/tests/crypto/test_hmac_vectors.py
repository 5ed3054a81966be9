import hmac, hashlib

# RFC 4231, test case 1
KEY = bytes.fromhex("«ex:rfc4231-1»")
DATA = b"Hi There"


def test_case_1():
    assert hmac.new(KEY, DATA, hashlib.sha256).hexdigest().startswith("b0344c61")
