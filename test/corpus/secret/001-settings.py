"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
OPENAI_API_KEY = "sk-proj-«u74»T3BlbkFJ«u74»"
TIMEOUT_SECONDS = 30
