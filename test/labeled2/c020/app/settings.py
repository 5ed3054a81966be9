"""Django settings for the orders service."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEBUG = False
ALLOWED_HOSTS = ["orders.acme.io"]

STRIPE_SECRET_KEY = "dummy"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
