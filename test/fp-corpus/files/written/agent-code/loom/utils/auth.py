import abc
from dataclasses import dataclass, field
from enum import Enum
import os
from typing import Any, Sequence


class SecretKind(Enum):
    """
    Where a secret's value comes from: a token given in code, or environment variables.
    """

    TOKEN = "token"
    ENV_VAR = "env_var"

    @staticmethod
    def parse(text: str) -> "SecretKind":
        kinds = {k.value: k for k in SecretKind}
        if text not in kinds:
            raise ValueError(f"Unknown secret kind '{text}'")
        return kinds[text]


class Secret(abc.ABC):
    """
    A credential a component needs, such as an API key.

    Usage example:
    ```python
    from loom.utils import Secret

    chat = HostedChatGenerator(api_key=Secret.from_token("<your-token-here>"))
    ```
    """

    @staticmethod
    def from_token(value: str) -> "Secret":
        """
        A secret holding the token itself. It cannot be serialized.
        """
        return _TokenSecret(_value=value)

    @staticmethod
    def from_env_var(names: str | Sequence[str], *, strict: bool = True) -> "Secret":
        """
        A secret read from the first of `names` that is set.

        :param strict:
            Raise when none of the variables is set (otherwise resolve to None).
        """
        names = [names] if isinstance(names, str) else list(names)
        return _EnvSecret(_names=tuple(names), _strict=strict)

    def to_dict(self) -> dict:
        out = {"type": self.kind.value}
        out.update(self._serialize())
        return out

    @staticmethod
    def from_dict(data: dict[str, Any]) -> "Secret":
        kind = SecretKind.parse(data["type"])
        if kind is SecretKind.TOKEN:
            raise ValueError("Token secrets cannot be deserialized")
        return _EnvSecret(_names=tuple(data["names"]), _strict=data["strict"])

    @abc.abstractmethod
    def resolve_value(self) -> str | None:
        """The secret's value, or None."""

    @property
    @abc.abstractmethod
    def kind(self) -> SecretKind: ...

    @abc.abstractmethod
    def _serialize(self) -> dict[str, Any]: ...


@dataclass(frozen=True, repr=False)
class _TokenSecret(Secret):
    _value: str
    _kind: SecretKind = field(default=SecretKind.TOKEN, init=False)

    def __post_init__(self):
        if not self._value:
            raise ValueError("A token secret needs a non-empty token")

    def _serialize(self) -> dict[str, Any]:
        raise ValueError(
            "Token secrets are not serialized, so that a token never lands in a saved pipeline. "
            "Use Secret.from_env_var instead."
        )

    def resolve_value(self) -> str | None:
        return self._value

    @property
    def kind(self) -> SecretKind:
        return self._kind


@dataclass(frozen=True)
class _EnvSecret(Secret):
    _names: tuple[str, ...]
    _strict: bool = True
    _kind: SecretKind = field(default=SecretKind.ENV_VAR, init=False)

    def _serialize(self) -> dict[str, Any]:
        return {"names": list(self._names), "strict": self._strict}

    def resolve_value(self) -> str | None:
        for name in self._names:
            value = os.getenv(name)
            if value is not None:
                return value
        if self._strict:
            raise ValueError(f"None of {', '.join(self._names)} is set")
        return None

    @property
    def kind(self) -> SecretKind:
        return self._kind


def deserialize_secrets_inplace(data: dict[str, Any], keys: list[str], *, recursive: bool = False) -> None:
    """Turn the serialized secrets under `keys` back into Secret objects, in place."""
    for name, value in data.items():
        if isinstance(value, dict):
            if recursive:
                deserialize_secrets_inplace(value, keys)
            elif name in keys:
                data[name] = Secret.from_dict(value)
