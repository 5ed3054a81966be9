"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
DB_PASSWORD = "password"
TIMEOUT_SECONDS = 30
