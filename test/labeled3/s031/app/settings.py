import os

DEBUG = False
ALLOWED_HOSTS = ["api.acme.io"]

# Falls back to the team key when the variable is unset.
COHERE_API_KEY = os.environ.get("COHERE_API_KEY", "«A40»")

TIME_ZONE = "UTC"
