"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
GITHUB_INSTALLATION_TOKEN = "ghs_«A36»"
TIMEOUT_SECONDS = 30
