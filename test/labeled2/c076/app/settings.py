"""Django settings for the orders service."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEBUG = False
ALLOWED_HOSTS = ["orders.acme.io"]

HF_TOKEN = "akv://acme-kv/stripe-key"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
