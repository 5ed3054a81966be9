import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    aws_secret_access_key = 'vBKiPXLKVdSqW5IN17TJ6Wafx4+a5f4W9gSiUHId'
    return Client(aws_secret_access_key=aws_secret_access_key, session=session)
