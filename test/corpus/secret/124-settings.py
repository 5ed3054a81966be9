"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
DISCORD_WEBHOOK_URL = "https://discord.com/api/webhooks/305844712694859016/6aLm7ZWuK6hE69reMAe0XhrSPUgtsimSJIEOnxOcZZwaVTergZ5jDPJy_YpWBVKs_9Sz"
TIMEOUT_SECONDS = 30
