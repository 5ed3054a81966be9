"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
API_KEY = "«h32»"
TIMEOUT_SECONDS = 30
