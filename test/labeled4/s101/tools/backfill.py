"""Backfill job: re-sends the last week's events."""
import requests

client = Client(
    vault_token=(
        "hvs.«A24»"
    ),
    timeout=30,
)

for event in client.events(days=7):
    client.resend(event.id)
