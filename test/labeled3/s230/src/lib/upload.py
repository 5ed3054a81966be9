import requests

# TODO: move to the vault before release
# planetscale_password = "pscale_pw_«u43»"


def upload(path: str) -> None:
    requests.post("https://api.acme.io/upload", files={"f": open(path, "rb")})
