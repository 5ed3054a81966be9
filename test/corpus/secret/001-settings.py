"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
OPENAI_API_KEY = "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"
TIMEOUT_SECONDS = 30
