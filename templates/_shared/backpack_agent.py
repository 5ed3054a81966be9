"""Helpers the backpack agent scripts share: memory through backpack, one model call.

`backpack template use` and `backpack quickstart` write this file next to
agent.py, which imports it (Python looks in the script's own folder first):

    from backpack_agent import chat, load_memory, save_memory

Standard library only. What a script finds in its environment under
`backpack run`: the credentials named in agent.lock (OPENAI_API_KEY,
ANTHROPIC_API_KEY, ...), AGENT_PERSONALITY (the personality as JSON; the model
calls read `model` from it) and AGENT_LOCK (the agent.lock's path, for memory).
Without its API key a model call returns None, so a script can show what it
would have sent instead (a dry run).
"""
import json
import os
import shutil
import subprocess
import sys
import urllib.request

__all__ = ["backpack", "load_memory", "save_memory", "post_json", "personality_model", "chat", "anthropic_message"]


def backpack(*args):
    """Runs the backpack CLI (the program BACKPACK_CLI names, else backpack on PATH): its stdout, or None."""
    cli = os.environ.get("BACKPACK_CLI") or shutil.which("backpack") or shutil.which("bp")
    if not cli:
        return None
    try:
        result = subprocess.run([cli, *args], capture_output=True, text=True)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def load_memory():
    """The memory layer: read from agent.lock in its working form, else through `backpack memory show`."""
    lock = os.environ.get("AGENT_LOCK")
    if not lock or not os.path.exists(lock):
        return {}
    with open(lock, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("version") == 2 and isinstance(doc.get("memory"), dict):
        return doc["memory"]
    shown = backpack("memory", "show", "--file", lock)
    return json.loads(shown) if shown else {}


def save_memory(memory, *keys):
    """Saves top-level keys through `backpack memory set`, which locks and re-encrypts agent.lock."""
    lock = os.environ.get("AGENT_LOCK")
    for key in keys:
        if not lock or backpack("memory", "set", key, json.dumps(memory[key]), "--file", lock) is None:
            print("memory not saved: run the agent with `backpack run`, with backpack on PATH", file=sys.stderr)
            return


def post_json(url, payload, headers, timeout=120):
    """POSTs `payload` as JSON and returns the decoded JSON reply (HTTP errors raise)."""
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), headers=dict(headers, **{"Content-Type": "application/json"}))
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def personality_model(default):
    """The `model` of the personality backpack passes in AGENT_PERSONALITY, else `default`."""
    return json.loads(os.environ.get("AGENT_PERSONALITY") or "{}").get("model", default)


def chat(messages, timeout=120):
    """One OpenAI chat completion (the reply's text); None (a dry run) without OPENAI_API_KEY."""
    key = os.environ.get("OPENAI_API_KEY")
    if not key:
        return None
    reply = post_json(
        "https://api.openai.com/v1/chat/completions",
        {"model": personality_model("gpt-4o-mini"), "messages": messages},
        {"Authorization": "Bearer " + key},
        timeout,
    )
    return reply["choices"][0]["message"]["content"]


def anthropic_message(system, content, max_tokens=1000, timeout=120):
    """One Anthropic message from the user (the reply's text); None (a dry run) without ANTHROPIC_API_KEY."""
    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        return None
    reply = post_json(
        "https://api.anthropic.com/v1/messages",
        {"model": personality_model("claude-3-5-haiku-latest"), "max_tokens": max_tokens, "system": system, "messages": [{"role": "user", "content": content}]},
        {"x-api-key": key, "anthropic-version": "2023-06-01"},
        timeout,
    )
    return "".join(part.get("text", "") for part in reply["content"])
