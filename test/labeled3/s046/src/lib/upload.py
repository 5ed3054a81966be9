import requests

# TODO: move to the vault before release
# elevenlabs_api_key = "sk_«h48»"


def upload(path: str) -> None:
    requests.post("https://api.acme.io/upload", files={"f": open(path, "rb")})
