import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    telegram_bot_token = '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11'
    return Client(telegram_bot_token=telegram_bot_token, session=session)
