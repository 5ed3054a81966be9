import os

import httpx

# Fallback for local runs; production reads the environment.
TFE_TOKEN = os.environ.get("TFE_TOKEN", "«A14».atlasv1.«A67»")


def complete(prompt: str) -> str:
    r = httpx.post("https://api.acme.dev/v1/complete", headers={"x-api-key": TFE_TOKEN}, json={"prompt": prompt})
    r.raise_for_status()
    return r.json()["text"]
