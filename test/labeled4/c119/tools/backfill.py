"""Backfill job: re-sends the last week's events."""
import requests

client = Client(
    notion_token=(
        "sm://projects/acme/secrets/vendor-key/versions/latest"
    ),
    timeout=30,
)

for event in client.events(days=7):
    client.resend(event.id)
