"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
OPENAI_API_KEY = "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
TIMEOUT_SECONDS = 30
