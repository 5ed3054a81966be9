"""Django settings for the orders service."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEBUG = False
ALLOWED_HOSTS = ["orders.acme.io"]

DIGITALOCEAN_TOKEN = "dop_v1_«h64»"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
