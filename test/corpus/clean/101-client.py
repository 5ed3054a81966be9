import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    checksum_sha256 = '1127f441db11d1039390a66538a2957760260789c991ac6e015890c4b9904dd1'
    return Client(checksum_sha256=checksum_sha256, session=session)
