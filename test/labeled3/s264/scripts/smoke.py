import requests

HEADERS = {
    "Authorization": "Bearer "
    "«A40»",
}
print(requests.get("https://api.acme.io/v1/me", headers=HEADERS).status_code)
