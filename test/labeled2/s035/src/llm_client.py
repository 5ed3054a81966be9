import logging

import httpx

log = logging.getLogger(__name__)


class Settings:
    timeout = 30
    xai_api_key = 'xai-«A80»'
    retries = 3


def make_client(settings: Settings) -> httpx.Client:
    return httpx.Client(timeout=settings.timeout)
