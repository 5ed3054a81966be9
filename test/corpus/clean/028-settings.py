"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
PUBLIC_KEY_FINGERPRINT = "SHA256:«b43»"
TIMEOUT_SECONDS = 30
