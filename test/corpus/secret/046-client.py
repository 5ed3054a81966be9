import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    stripe_secret_key = 'sk_live_BAQoHXlCw9n2F05ZvoZ5HSqo'
    return Client(stripe_secret_key=stripe_secret_key, session=session)
