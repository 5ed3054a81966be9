"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
DISCORD_WEBHOOK_URL = "https://discord.com/api/webhooks/«d18»/«u68»"
TIMEOUT_SECONDS = 30
