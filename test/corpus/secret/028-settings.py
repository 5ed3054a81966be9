"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
API_KEY = "b9d23e99ad489cb157378927e6d27d26"
TIMEOUT_SECONDS = 30
