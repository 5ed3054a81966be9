import os

DEBUG = False
ALLOWED_HOSTS = ["api.acme.io"]

# Falls back to the team key when the variable is unset.
API_KEY = os.environ.get("API_KEY", "<your-api-key>")

TIME_ZONE = "UTC"
