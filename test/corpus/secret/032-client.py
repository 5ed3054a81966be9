import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    smtp_password = '«A5»#«A6»'
    return Client(smtp_password=smtp_password, session=session)
