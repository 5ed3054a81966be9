from .base import *  # noqa

# Google's documented reCAPTCHA test keys: every check passes.
RECAPTCHA_PUBLIC_KEY = "«ex:recaptcha-site»"
RECAPTCHA_PRIVATE_KEY = "«ex:recaptcha-secret»"
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]
