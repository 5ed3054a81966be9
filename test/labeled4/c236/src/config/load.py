import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    openai_api_key: str = os.environ["OPENAI_API_KEY"]
    anthropic_api_key: str = os.getenv("ANTHROPIC_API_KEY", "")
    db_password: str = os.environ.get("DB_PASSWORD") or ""
