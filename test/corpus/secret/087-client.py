import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    npm_token = 'npm_«A36»'
    return Client(npm_token=npm_token, session=session)
