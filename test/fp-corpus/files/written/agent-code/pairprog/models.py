import difflib
import json
import os
import re
from dataclasses import dataclass, field
import pathlib

import yaml

DEFAULT_MODEL = "sonnet"

ALIASES = {
    "sonnet": "claude/sonnet-5",
    "haiku": "claude/haiku-5",
    "mini": "chat/mini-2",
    "deepseek": "deepseek/deepseek-v3",
    "flash": "gemini/gemini-3-flash",
}

PRICE_PATTERN = re.compile(r"\$\s*(?P<usd>[\d.]+)\s*(?:per|/)\s*(?:1M|M|million)\s+(?P<side>input|output)\s+tokens", re.I)


@dataclass
class ModelSettings:
    name: str
    edit_style: str = "diff"
    helper_model: str | None = None
    send_repo_map: bool = True
    reminder_role: str = "user"
    system_prompt_examples: bool = False
    request_params: dict = field(default_factory=dict)
    prompt_caching: bool = False
    tunable: list = field(default_factory=list)


class ModelCatalog:
    """Context windows and prices of models: a cached JSON file, refreshed from a provider's page."""

    def __init__(self, cache_dir: pathlib.Path):
        self.path = cache_dir / "catalog.json"
        self.entries = json.loads(self.path.read_text()) if self.path.is_file() else {}

    def lookup(self, model: str) -> dict:
        short = model.split("/", 1)[-1]
        return self.entries.get(model, self.entries.get(short, {}))

    @staticmethod
    def from_pricing_text(text: str, window: int) -> dict:
        """The window (in tokens) and the price of one input and one output token, in USD."""
        prices = {m["side"].lower(): float(m["usd"]) / 1_000_000 for m in PRICE_PATTERN.finditer(text)}
        return {"window": window, "max_output": min(window, 32_768), "usd_in": prices.get("input", 0.0), "usd_out": prices.get("output", 0.0)}


class ConfiguredModel(ModelSettings):
    def __init__(self, model: str, catalog: ModelCatalog, helper: str | None = None):
        super().__init__(name=ALIASES.get(model, model))
        self.entry = catalog.lookup(self.name)
        self.missing_env, self.ready = self.check_environment()
        # Summarise the history once it passes a sixteenth of the window (at least 1k, at most 8k tokens).
        window = self.entry.get("window", 0)
        self.history_budget = int(sorted((1024, window // 16, 8192))[1])
        self.helper_model = helper

    def check_environment(self) -> tuple[list[str], bool]:
        """The environment variables the model's provider needs and lacks."""
        provider, _, _ = self.name.partition("/")
        needed = {
            "claude": ["CLAUDE_API_KEY"],
            "chat": ["CHAT_API_KEY"],
            "deepseek": ["DEEPSEEK_API_KEY"],
            "gemini": ["GEMINI_API_KEY"],
            "bedrock": ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
        }.get(provider, [])
        missing = [variable for variable in needed if variable not in os.environ]
        return missing, missing == []

    def add_request_params(self, more: dict) -> None:
        merged = dict(self.request_params)
        for name, value in more.items():
            old = merged.get(name)
            merged[name] = {**old, **value} if isinstance(old, dict) and isinstance(value, dict) else value
        self.request_params = merged


def read_settings(path: pathlib.Path) -> list[ModelSettings]:
    return [ModelSettings(**entry) for entry in yaml.safe_load(path.read_text()) or []]


def close_names(name: str, known: list[str]) -> list[str]:
    wanted = name.lower()
    hits = [m for m in known if wanted in m.lower()]
    return hits or difflib.get_close_matches(wanted, known, n=3, cutoff=0.75)
