from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import Any

import pytest

__all__ = ('TestEnv', 'env', 'allow_model_requests', 'random_id')

os.environ.setdefault('AGENTKIT_TELEMETRY', 'off')


def random_id(prefix: str = 'id') -> str:
    """A fresh id for a test's objects (not a credential)."""
    return f'{prefix}_{secrets.token_hex(6)}'


def strip_descriptions(schema: Any) -> Any:
    """Drop docstring-derived `description` keys from a JSON schema, so comparisons do not depend on docstrings."""
    match schema:
        case dict():
            return {k: strip_descriptions(v) for k, v in schema.items() if not (k == 'description' and isinstance(v, str))}
        case list():
            return [strip_descriptions(v) for v in schema]
        case _:
            return schema


class TestEnv:
    """Sets and removes environment variables for one test, and puts them back afterwards."""

    __test__ = False

    def __init__(self):
        self.saved: dict[str, str | None] = {}

    def set(self, name: str, value: str):
        self.saved.setdefault(name, os.getenv(name))
        os.environ.update({name: value})

    def remove(self, name: str):
        self.saved.setdefault(name, os.environ.pop(name, None))

    def reset(self):
        for name, value in self.saved.items():
            if value is not None:
                os.environ.update({name: value})
            elif name in os.environ:
                del os.environ[name]


@pytest.fixture
def env() -> Iterator['TestEnv']:
    test_env = TestEnv()
    yield test_env
    test_env.reset()


@pytest.fixture
def allow_model_requests():
    with ALLOW_MODEL_REQUESTS(True):
        yield


@pytest.fixture(scope='module')
def vcr_config():
    return {
        # Credentials never reach a cassette.
        'filter_headers': ['authorization', 'api-key', 'x-api-key', 'x-goog-api-key'],
        'filter_query_parameters': ['key', 'access_token'],
        'decode_compressed_response': True,
    }


@pytest.fixture
def chat_api_key() -> str:
    return os.getenv('CHAT_API_KEY', 'mock-api-key')


@pytest.fixture
def vertex_api_key() -> str:
    return os.getenv('VERTEX_API_KEY', 'mock-api-key')
