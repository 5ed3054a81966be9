import asyncio
import logging
import math
import os
from typing import Any, AsyncGenerator, Mapping, Sequence

from pydantic import BaseModel, SecretStr

from agentmesh.core import CancellationToken
from agentmesh.core.models import ChatCompletionClient, CreateResult, ModelInfo, RequestUsage

logger = logging.getLogger("agentmesh.models.chat")


class ChatClientConfig(BaseModel):
    model: str
    api_key: SecretStr | None = None
    base_url: str | None = None
    organization: str | None = None
    timeout: float | None = None
    max_retries: int | None = None
    default_headers: dict[str, str] | None = None


def vision_tokens(width: int, height: int, detail: str = "auto") -> int:
    """Tokens an image costs: a base count, plus a count per 512-pixel tile after scaling."""
    base_tokens = 85
    tokens_per_tile = 170
    if detail == "low":
        return base_tokens
    scale = min(1.0, 2048 / max(width, height))
    width, height = int(width * scale), int(height * scale)
    scale = min(1.0, 768 / min(width, height))
    width, height = int(width * scale), int(height * scale)
    tiles = math.ceil(width / 512) * math.ceil(height / 512)
    return base_tokens + tokens_per_tile * tiles


def add_usage(a: RequestUsage, b: RequestUsage) -> RequestUsage:
    return RequestUsage(prompt_tokens=a.prompt_tokens + b.prompt_tokens, completion_tokens=a.completion_tokens + b.completion_tokens)


class ChatCompletionsClient(ChatCompletionClient):
    """A model client for chat-completions APIs.

    Example:

    .. code-block:: python

        client = ChatCompletionsClient(model="mini-2")  # reads CHAT_API_KEY
        result = await client.create([UserMessage(content="Hi!", source="user")])

    To pass the key explicitly (for instance from a secret manager):

    .. code-block:: python

        client = ChatCompletionsClient(model="mini-2", api_key=vault.read("chat/api-key"))
    """

    def __init__(self, **kwargs: Any) -> None:
        if "api_key" not in kwargs and os.environ.get("CHAT_API_KEY") is None:
            raise ValueError("api_key is required, or set the CHAT_API_KEY environment variable")
        self._config = ChatClientConfig(**kwargs)
        self._usage = RequestUsage(prompt_tokens=0, completion_tokens=0)

    def _client_kwargs(self) -> Mapping[str, Any]:
        key = self._config.api_key.get_secret_value() if self._config.api_key else os.environ["CHAT_API_KEY"]
        return {"api_key": key, "base_url": self._config.base_url, "timeout": self._config.timeout}

    async def create(
        self,
        messages: Sequence[Any],
        *,
        tools: Sequence[Any] = (),
        cancellation_token: CancellationToken | None = None,
    ) -> CreateResult:
        request = asyncio.ensure_future(self._send(messages, tools))
        if cancellation_token is not None:
            cancellation_token.link_future(request)
        response = await request
        usage = RequestUsage(prompt_tokens=response["usage"]["prompt_tokens"], completion_tokens=response["usage"]["completion_tokens"])
        self._usage = add_usage(self._usage, usage)
        logger.info("chat call: %d prompt tokens, %d completion tokens", usage.prompt_tokens, usage.completion_tokens)
        return CreateResult(content=response["choices"][0]["message"]["content"], usage=usage, finish_reason="stop", cached=False)

    async def create_stream(self, messages: Sequence[Any]) -> AsyncGenerator[str, None]:
        async for chunk in self._stream(messages):
            yield chunk

    def total_usage(self) -> RequestUsage:
        return self._usage

    @property
    def model_info(self) -> ModelInfo:
        return ModelInfo(vision=True, function_calling=True, json_output=True, family="chat")

    def dump_component(self) -> dict[str, Any]:
        # The key is never part of a dumped component.
        return self._config.model_dump(exclude={"api_key"})
