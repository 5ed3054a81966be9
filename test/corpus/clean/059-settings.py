"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
SECRET_NAME = "prod/billing/stripe"
TIMEOUT_SECONDS = 30
