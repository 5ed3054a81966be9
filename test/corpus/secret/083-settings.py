"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
TWILIO_API_KEY = "SK8bddaed699a47388abd820e9e4829589"
TIMEOUT_SECONDS = 30
