import pyotp

SECRET = "«ex:totp-doc»"  # the key-URI format page's example


def test_code_length():
    assert len(pyotp.TOTP(SECRET).now()) == 6
