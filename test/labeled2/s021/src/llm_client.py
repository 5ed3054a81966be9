import logging

import httpx

log = logging.getLogger(__name__)


class Settings:
    timeout = 30
    gemini_api_key = 'AIza«u35»'
    retries = 3


def make_client(settings: Settings) -> httpx.Client:
    return httpx.Client(timeout=settings.timeout)
