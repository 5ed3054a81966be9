from __future__ import annotations as _annotations

import asyncio
import dataclasses
import importlib.util
import logging
import os
import re
import secrets
import sys
from collections.abc import AsyncIterator, Callable, Generator, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from functools import cache, cached_property
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast, overload

import httpx
import httpx2
import pytest
from _pytest.assertion.rewrite import AssertionRewritingHook
from pytest_mock import MockerFixture
from vcr import VCR, request as vcr_request
from vcr.record_mode import RecordMode

import pydantic_ai._http
import pydantic_ai.models
from pydantic_ai import Agent, BinaryContent, BinaryImage, Embedder
from pydantic_ai.messages import (
    DocumentUrl,
    FilePart,
    ImageUrl,
    ModelMessage,
    ModelRequest,
    ModelResponse,
    NativeToolCallPart,
    NativeToolReturnPart,
    RetryPromptPart,
    SystemPromptPart,
    TextPart,
    ThinkingPart,
    ToolCallPart,
    ToolReturnPart,
    UserPromptPart,
    VideoUrl,
)
from pydantic_ai.models import DEFAULT_HTTP_TIMEOUT, Model
from pydantic_ai.usage import RequestUsage, RunUsage

from ._inline_snapshot import Builder, Custom, customize
from .cassette_utils import check_cache_prefix_stability

# `logfire` builds its JSON schema lookup table on first use with a lazy `import pandas`
# (`logfire/_internal/json_schema.py`), and importing pandas reads timezone data from disk. When
# that first import happens inside an async test with the detector configured below armed, the read
# is reported as blocking and aborts the import, leaving a partially initialized `pandas` in
# `sys.modules` that every later import in the session trips over. Importing it here means the
# detector never sees a first import. The read genuinely blocks, so this stays regardless of what
# BlockBuster reports: https://github.com/pydantic/pydantic-ai/issues/7446.
with suppress(ImportError):
    import pandas  # pyright: ignore[reportUnusedImport] # noqa: F401

T = TypeVar('T')

__all__ = (
    'IsDatetime',
    'IsFloat',
    'IsNow',
    'IsStr',
    'IsBytes',
    'IsInt',
    'IsInstance',
    'IsList',
    'TestEnv',
    'try_import',
    'SNAPSHOT_BYTES_COLLAPSE_THRESHOLD',
    'strip_logfire_metrics',
    'remove_schema_descriptions',
    'message',
    'message_part',
)

# Configure VCR logger to WARNING as it is too verbose by default
# specifically, it logs every request and response including binary
# content in Cassette.append, which is causing log downloads from
# GitHub action to fail.
logging.getLogger('vcr.cassette').setLevel(logging.WARNING)

pydantic_ai.models.ALLOW_MODEL_REQUESTS = False

os.environ.setdefault('HF_HUB_DISABLE_PROGRESS_BARS', '1')


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        'markers',
        'moves_cache_prefix(reason): recorded conversation deliberately moves the cache prefix; reason required',
    )


if TYPE_CHECKING:
    from blockbuster import BlockBuster
    from pluggy import Result
    from vcr.cassette import Cassette

    from pydantic_ai.providers.bedrock import BedrockProvider
    from pydantic_ai.providers.xai import XaiProvider

    def IsInstance(arg: type[T]) -> T: ...
    def IsDatetime(*args: Any, **kwargs: Any) -> datetime: ...
    def IsFloat(*args: Any, **kwargs: Any) -> float: ...
    def IsInt(*args: Any, **kwargs: Any) -> int: ...
    def IsNow(*args: Any, **kwargs: Any) -> datetime: ...
    def IsStr(*args: Any, **kwargs: Any) -> str: ...
    def IsSameStr(*args: Any, **kwargs: Any) -> str: ...
    def IsBytes(*args: Any, **kwargs: Any) -> bytes: ...
    def IsList(*args: T, **kwargs: Any) -> list[T]: ...
else:
    from dirty_equals import IsBytes, IsDatetime, IsFloat, IsInstance, IsInt, IsList, IsNow as _IsNow, IsStr

    def IsNow(*args: Any, **kwargs: Any):
        # Increase the default value of `delta` to 10 to reduce test flakiness on overburdened machines
        if 'delta' not in kwargs:  # pragma: no branch
            kwargs['delta'] = 10
        return _IsNow(*args, **kwargs)

    class IsSameStr(IsStr):
        """
        Checks if the value is a string, and that subsequent uses have the same value as the first one.

        Example:
        ```python {test="skip"}
        assert events == [
            {
                'type': 'RUN_STARTED',
                'threadId': (thread_id := IsSameStr()),
                'runId': (run_id := IsSameStr()),
            },
            {'type': 'TEXT_MESSAGE_START', 'messageId': (message_id := IsSameStr()), 'role': 'assistant'},
            {'type': 'TEXT_MESSAGE_CONTENT', 'messageId': message_id, 'delta': 'success '},
            {
                'type': 'TEXT_MESSAGE_CONTENT',
                'messageId': message_id,
                'delta': '(no tool calls)',
            },
            {'type': 'TEXT_MESSAGE_END', 'messageId': message_id},
            {
                'type': 'RUN_FINISHED',
                'threadId': thread_id,
                'runId': run_id,
            },
        ]
        ```
        """

        _first_other: str | None = None

        def equals(self, other: Any) -> bool:
            if self._first_other is None:
                self._first_other = other
                return super().equals(other)
            else:
                return other == self._first_other


JsonSchemaValue: TypeAlias = 'dict[str, JsonSchemaValue] | list[JsonSchemaValue] | str | int | float | bool | None'


def remove_schema_descriptions(schema: JsonSchemaValue) -> JsonSchemaValue:
    """Recursively drop docstring-derived `description` keys from a JSON schema for version-tolerant comparison.

    Pydantic 2.13 emits class and stdlib-dataclass docstrings as schema `description`s, where 2.12
    suppressed stdlib-dataclass docstrings (see pydantic#12812). Dropping descriptions keeps these
    schema snapshots stable across the supported pydantic range while still asserting structure.

    Only string-valued `description` keys (the docstring/annotation form) are dropped; a `description`
    key whose value is a sub-schema is a property literally named `description` (e.g. a capability's
    `description` field) and must be preserved.
    """
    if isinstance(schema, dict):
        return {
            k: remove_schema_descriptions(v)
            for k, v in schema.items()
            if not (k == 'description' and isinstance(v, str))
        }
    if isinstance(schema, list):
        return [remove_schema_descriptions(v) for v in schema]
    return schema


def strip_logfire_metrics(spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop the version-dependent `logfire.metrics` span attribute before snapshotting.

    logfire 4.3x+ attaches the aggregated `gen_ai.client.token.usage` metric to spans; older
    versions don't. Stripping it keeps span snapshots stable across the supported logfire range
    (the token usage itself is still asserted via the `gen_ai.usage.*` attributes / collected metrics).
    """
    for span in spans:
        span.get('attributes', {}).pop('logfire.metrics', None)
    return spans


SNAPSHOT_BYTES_COLLAPSE_THRESHOLD = 50


def sanitize_filename(name: str, max_len: int) -> str:
    """Sanitize a string for safe use as a filename across platforms."""
    # Windows does not allow these characters in paths. Linux bans slashes only.
    return re.sub('[' + re.escape('<>:"/\\|?*') + ']', '-', name)[:max_len]


@customize
def binary_handler(value: Any) -> Any | None:  # pragma: no cover
    # Use IsBytes() for large byte sequences in snapshots.
    if isinstance(value, bytes) and len(value) > SNAPSHOT_BYTES_COLLAPSE_THRESHOLD:
        return IsBytes()


@customize
def isdatetime_handler(value: Any, builder: Builder) -> Any | None:  # pragma: no cover
    # Use IsDatetime() for datetime values in snapshots.
    if isinstance(value, datetime):
        return IsDatetime()


@customize
def usage_handler(value: Any, builder: Builder) -> Custom | None:  # pragma: no cover
    if isinstance(value, (RequestUsage, RunUsage)):
        # Usage objects accept arbitrary fields that inline-snapshot's default dataclass handler cannot see.
        kwargs = value.__dict__.copy()
        for field in dataclasses.fields(value):
            if field.name not in kwargs:
                continue
            if field.default is not dataclasses.MISSING:
                kwargs[field.name] = builder.with_default(kwargs[field.name], field.default)
            elif field.default_factory is not dataclasses.MISSING:
                kwargs[field.name] = builder.with_default(kwargs[field.name], field.default_factory())
        return builder.create_call(type(value), [], kwargs)


@customize
def content_handler(value: Any, builder: Builder) -> Custom | None:  # pragma: no cover
    # special handler for types which need an identifier argument for __init__ but declare an _identifier in the class
    if isinstance(value, BinaryImage):
        return builder.create_call(
            BinaryImage,
            [],
            {
                # prevent generation of IsBytes() because it does not work together with Pydantic models
                'data': builder.create_code(f'{value.data!r}'),
                'media_type': value.media_type,
                'identifier': builder.with_default(value.identifier, None),
                'vendor_metadata': builder.with_default(value.vendor_metadata, None),
                # kind is always "binary"
                # 'kind': builder.with_default(value.kind, 'binary'),
            },
        )

    if isinstance(value, BinaryContent):
        return builder.create_call(
            BinaryContent,
            [],
            {
                # prevent generation of IsBytes() because it does not work together with Pydantic models
                'data': builder.create_code(f'{value.data!r}'),
                'media_type': value.media_type,
                'identifier': builder.with_default(value.identifier, None),
                'vendor_metadata': builder.with_default(value.vendor_metadata, None),
                'kind': builder.with_default(value.kind, 'binary'),
            },
        )

    for cls, kind in [(VideoUrl, 'video-url'), (DocumentUrl, 'document-url'), (ImageUrl, 'image-url')]:
        if type(value) is cls:
            return builder.create_call(
                cls,
                [],
                {
                    'url': value.url,
                    'media_type': builder.with_default(value.media_type, None),
                    # TODO: identifier is not used for == comparison should we ignore it?
                    'identifier': builder.with_default(value.identifier, None),
                    'force_download': builder.with_default(value.force_download, False),
                    'vendor_metadata': builder.with_default(value.vendor_metadata, None),
                    'kind': builder.with_default(value.kind, kind),
                },
            )


@customize
def variable_handler(value: Any, builder: Builder, local_vars: dict[str, Any]) -> Custom | None:  # pragma: no cover
    for name, local_variable in local_vars.items():
        # use local_function.__qualname__ when there exist a local_function with the wanted name
        if hasattr(local_variable, '__qualname__') and value == local_variable.__qualname__:
            return builder.create_code(f'{name}.__qualname__')

        # use `part.tool_call_id` when there is a local variable part with the wanted id
        if name == 'part' and hasattr(local_variable, 'tool_call_id') and local_variable.tool_call_id == value:
            return builder.create_code(f'{name}.tool_call_id')

        # skip IsSameStr variables that haven't been compared yet (no value captured)
        if hasattr(local_variable, '_first_other') and local_variable._first_other is None:
            continue

        # uses local variables like part* *_content or thread_id when their value is equal to the wanted value in the snapshot
        if (
            (name.startswith('part') or name.endswith('_content') or name in ('thread_id',))
            and name != 'parts'
            and local_variable == value
        ):
            return builder.create_code(name)

        # match the local var like `var := IsSameStr()` a second time
        if type(local_variable) is IsSameStr and local_variable == value:
            return builder.create_code(name)


class TestEnv:
    __test__ = False

    def __init__(self):
        self.envars: dict[str, str | None] = {}

    def set(self, name: str, value: str) -> None:
        self.envars[name] = os.getenv(name)
        os.environ[name] = value

    def remove(self, name: str) -> None:
        self.envars[name] = os.environ.pop(name, None)

    def reset(self) -> None:
        for name, value in self.envars.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value  # pragma: lax no cover


@pytest.fixture
def env() -> Iterator[TestEnv]:
    test_env = TestEnv()

    yield test_env

    test_env.reset()


@pytest.fixture(scope='session')
def anyio_backend():
    return 'asyncio'


# Calls that are allowed to block in the event loop, as (blockbuster function, file, functions).
# Each entry should say why the blocking call is acceptable; anything not listed here should be
# fixed (e.g. offloaded to a thread with `anyio.to_thread.run_sync`) rather than exempted.
BLOCKBUSTER_EXEMPTIONS: list[tuple[str, str, str | tuple[str, ...]]] = [
    # coverage reads Python source files while collecting coverage data. Remove these once
    # https://github.com/cbornet/blockbuster/pull/69 is released in a compatible version.
    ('os.stat', 'coverage/python.py', 'get_python_source'),
    ('io.BufferedReader.read', 'coverage/python.py', 'read_python_source'),
    # pytest-examples locates the source line of a captured `print()` with `Path.samefile`, so an
    # example printing from inside a running event loop trips the detector on the harness's own
    # `os.stat`. Exempting the capture entry point keeps `os.stat` calls from example and library
    # code detectable.
    ('os.stat', 'pytest_examples/run_code.py', '__call__'),
    # `load_mcp_toolsets` is a sync config-file loader; reading the file is its documented job.
    ('os.stat', 'pydantic_ai/mcp.py', 'load_mcp_toolsets'),
    ('io.BufferedReader.read', 'pydantic_ai/mcp.py', 'load_mcp_toolsets'),
    # fastmcp's transport inference stats candidate paths when the client is constructed.
    ('os.stat', 'pydantic_ai/mcp.py', '__init__'),
    # boto3/botocore read AWS config files and service models during sync, setup-time client construction.
    ('os.stat', 'pydantic_ai/providers/bedrock.py', '__init__'),
    ('os.listdir', 'pydantic_ai/providers/bedrock.py', '__init__'),
    ('io.TextIOWrapper.read', 'pydantic_ai/providers/bedrock.py', '__init__'),
    ('io.BufferedReader.read', 'pydantic_ai/providers/bedrock.py', '__init__'),
    # google-genai's sync client constructor has google-auth read mTLS/credential config files.
    ('os.stat', 'pydantic_ai/providers/google_cloud.py', '__init__'),
    ('io.TextIOWrapper.read', 'pydantic_ai/providers/google_cloud.py', '__init__'),
    ('io.BufferedReader.read', 'pydantic_ai/providers/google_cloud.py', '__init__'),
    # Anthropic's async Bedrock clients synchronously resolve/sign AWS credentials
    # (https://github.com/anthropics/anthropic-sdk-python/issues/1770); remove after upstream
    # covers both auth paths.
    ('os.stat', 'anthropic/lib/bedrock/_auth.py', 'get_auth_headers'),
    ('io.TextIOWrapper.read', 'anthropic/lib/bedrock/_auth.py', 'get_auth_headers'),
    ('io.BufferedReader.read', 'anthropic/lib/bedrock/_auth.py', 'get_auth_headers'),
