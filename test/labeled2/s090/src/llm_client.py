import logging

import httpx

log = logging.getLogger(__name__)


class Settings:
    timeout = 30
    heroku_api_key = '«h8»-«h4»-«h4»-«h4»-«h12»'
    retries = 3


def make_client(settings: Settings) -> httpx.Client:
    return httpx.Client(timeout=settings.timeout)
