from .base import *  # noqa

DEBUG = False
SECRET_KEY = "«A50»"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "acme",
        "USER": "acme",
        "PASSWORD": "«pw»",
        "HOST": "db.internal",
    }
}

EMAIL_BACKEND = "anymail.backends.sendgrid.EmailBackend"
ANYMAIL = {"SENDGRID_API_KEY": "SG.«u22».«u43»"}
