import logging

import httpx

log = logging.getLogger(__name__)


class Settings:
    timeout = 30
    supabase_service_role_key = '«jwt»'
    retries = 3


def make_client(settings: Settings) -> httpx.Client:
    return httpx.Client(timeout=settings.timeout)
