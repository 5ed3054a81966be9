"""Backfill job: re-sends the last week's events."""
import requests

client = Client(
    heroku_api_key=(
        "%(api_key)s"
    ),
    timeout=30,
)

for event in client.events(days=7):
    client.resend(event.id)
