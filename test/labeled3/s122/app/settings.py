import os

DEBUG = False
ALLOWED_HOSTS = ["api.acme.io"]

# Falls back to the team key when the variable is unset.
STRIPE_RESTRICTED_KEY = os.environ.get("STRIPE_RESTRICTED_KEY", "rk_live_«A99»")

TIME_ZONE = "UTC"
