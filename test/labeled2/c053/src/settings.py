import os

ANTHROPIC_API_KEY = os.environ["ANTHROPIC_API_KEY"]
TIMEOUT = int(os.getenv("TIMEOUT", "30"))
