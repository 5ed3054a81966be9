import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    aws_secret_access_key = '«doc:aws-secret-access-key»'
    return Client(aws_secret_access_key=aws_secret_access_key, session=session)
