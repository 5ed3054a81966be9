import os
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from ._base_client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, SyncAPIClient
from ._exceptions import SkyAPIError

__all__ = ["SkyAPI", "Client"]

# Sent as the key when a workload identity provider supplies short-lived tokens instead.
WORKLOAD_IDENTITY_KEY_PLACEHOLDER = "workload-identity"


class SkyAPI(SyncAPIClient):
    # client options
    api_key: str
    admin_api_key: str | None
    organization: str | None
    project: str | None
    webhook_secret: str | None

    def __init__(
        self,
        *,
        api_key: str | Callable[[], str] | None = None,
        admin_api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        webhook_secret: str | None = None,
        workload_identity: Mapping[str, Any] | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_MAX_RETRIES,
        extra_headers: Mapping[str, str] | None = None,
        transport: httpx.Client | None = None,
    ) -> None:
        """Construct a new synchronous SkyAPI client.

        Arguments not given are read from the environment:
        - `api_key` from `SKYAPI_API_KEY`
        - `admin_api_key` from `SKYAPI_ADMIN_KEY`
        - `organization` from `SKYAPI_ORG_ID`
        - `project` from `SKYAPI_PROJECT_ID`
        - `webhook_secret` from `SKYAPI_WEBHOOK_SECRET`
        """
        if workload_identity is not None:
            if api_key is not None:
                raise SkyAPIError("Pass either api_key or workload_identity, not both")
            api_key = WORKLOAD_IDENTITY_KEY_PLACEHOLDER
        if api_key is None:
            api_key = os.environ.get("SKYAPI_API_KEY")
        if admin_api_key is None:
            admin_api_key = os.environ.get("SKYAPI_ADMIN_KEY")
        if api_key is None and admin_api_key is None:
            raise SkyAPIError(
                "No credentials: pass api_key to the client or set the SKYAPI_API_KEY environment variable"
            )
        if callable(api_key):
            self._key_provider: Callable[[], str] | None = api_key
            self.api_key = ""
        else:
            self._key_provider = None
            self.api_key = "" if api_key is None else api_key
        self.admin_api_key = admin_api_key
        self.organization = organization if organization is not None else os.environ.get("SKYAPI_ORG_ID")
        self.project = project if project is not None else os.environ.get("SKYAPI_PROJECT_ID")
        self.webhook_secret = webhook_secret if webhook_secret is not None else os.environ.get("SKYAPI_WEBHOOK_SECRET")

        if base_url is None:
            base_url = os.environ.get("SKYAPI_BASE_URL") or "https://api.sky.example/v1"

        super().__init__(
            base_url=base_url,
            max_retries=retries,
            timeout=timeout,
            http_client=transport,
            custom_headers=extra_headers,
        )

    def _refresh_api_key(self) -> None:
        if self._key_provider:
            self.api_key = self._key_provider()

    @property
    def auth_headers(self) -> dict[str, str]:
        if not self.api_key:
            return {}
        return {"Authorization": f"Bearer {self.api_key}"}

    @property
    def default_headers(self) -> dict[str, str]:
        return {
            **super().default_headers,
            "SkyAPI-Organization": self.organization or "",
            "SkyAPI-Project": self.project or "",
        }

    def copy(self, **overrides: Any) -> "SkyAPI":
        """A new client with the same options, except those given."""
        options = {
            "api_key": self._key_provider or self.api_key,
            "admin_api_key": self.admin_api_key,
            "organization": self.organization,
            "project": self.project,
            "webhook_secret": self.webhook_secret,
            "base_url": self.base_url,
            "timeout": self.timeout,
            "retries": self.max_retries,
        }
        options.update(overrides)
        return self.__class__(**options)


Client = SkyAPI
