"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
TWILIO_API_KEY = "SK«h32»"
TIMEOUT_SECONDS = 30
