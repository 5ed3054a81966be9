import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    checksum_sha256 = '«h64»'
    return Client(checksum_sha256=checksum_sha256, session=session)
