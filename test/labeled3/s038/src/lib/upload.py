import requests

# TODO: move to the vault before release
# openrouter_api_key = "sk-or-v1-«h64»"


def upload(path: str) -> None:
    requests.post("https://api.acme.io/upload", files={"f": open(path, "rb")})
