import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    google_client_id = '«d12»-«a32».apps.googleusercontent.com'
    return Client(google_client_id=google_client_id, session=session)
