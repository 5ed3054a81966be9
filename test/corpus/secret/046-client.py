import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    stripe_secret_key = 'sk_live_«A24»'
    return Client(stripe_secret_key=stripe_secret_key, session=session)
