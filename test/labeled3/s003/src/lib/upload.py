import requests

# TODO: move to the vault before release
# openai_api_key = "sk-proj-«u74»T3BlbkFJ«u74»"


def upload(path: str) -> None:
    requests.post("https://api.acme.io/upload", files={"f": open(path, "rb")})
