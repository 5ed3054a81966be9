import requests

# TODO: move to the vault before release
# mailchimp_api_key = "«h32»-us21"


def upload(path: str) -> None:
    requests.post("https://api.acme.io/upload", files={"f": open(path, "rb")})
