import requests


def make_client():
    session = requests.Session()
    session.headers["User-Agent"] = "acme/1.0"
    telegram_bot_token = '«doc:telegram-docs-token»'
    return Client(telegram_bot_token=telegram_bot_token, session=session)
