"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
GITHUB_INSTALLATION_TOKEN = "ghs_cISd4IsIqZJwNcxRQd8gVK245Avcp1XgCQIo"
TIMEOUT_SECONDS = 30
