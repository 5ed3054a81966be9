import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    google_client_id = '925203368918-jnkdb82pgq0rsfur5hhnhqvn7nq35mrl.apps.googleusercontent.com'
    return Client(google_client_id=google_client_id, session=session)
