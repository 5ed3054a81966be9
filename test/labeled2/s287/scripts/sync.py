import requests

HEADERS = {"Authorization": "Bearer «A48»", "Accept": "application/json"}

resp = requests.get("https://api.acme.io/v1/orders", headers=HEADERS, timeout=10)
