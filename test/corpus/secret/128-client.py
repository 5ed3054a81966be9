import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    redis_url = 'redis://default:«a24»@redis-12345.cloud.example.net:6379'
    return Client(redis_url=redis_url, session=session)
