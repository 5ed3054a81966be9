#!/usr/bin/env python3
"""{{AGENT_NAME_TEXT}}: an agent made by `backpack quickstart`.

    backpack run agent.py "your message"

backpack injects the credentials named in agent.lock as environment variables
(values from your environment, agent.lock or your keychain), plus
AGENT_SYSTEM_PROMPT, AGENT_TONE, AGENT_PERSONALITY (the whole personality as
JSON) and AGENT_LOCK (the agent.lock: memory is read from it, and saved with
`backpack memory set`). Standard library only: replace ask_model() with your
framework of choice.
"""
import json
import os
import shutil
import subprocess
import sys
import urllib.request

AGENT_NAME = {{AGENT_NAME}}
CREDENTIALS = {{CREDENTIALS}}
PERSONALITY = json.loads(os.environ.get("AGENT_PERSONALITY") or "{}")
SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or PERSONALITY.get("system_prompt", "You are a helpful assistant.")
TONE = os.environ.get("AGENT_TONE") or PERSONALITY.get("tone", "")


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


def post_json(url, payload, headers):
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), headers=dict(headers, **{"Content-Type": "application/json"}))
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)


def ask_model(system, message):
    """OpenAI or Anthropic, whichever key is at hand; None when neither is (a dry run)."""
    if os.environ.get("OPENAI_API_KEY"):
        reply = post_json(
            "https://api.openai.com/v1/chat/completions",
            {"model": PERSONALITY.get("model", "gpt-4o-mini"), "messages": [{"role": "system", "content": system}, {"role": "user", "content": message}]},
            {"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]},
        )
        return reply["choices"][0]["message"]["content"]
    if os.environ.get("ANTHROPIC_API_KEY"):
        reply = post_json(
            "https://api.anthropic.com/v1/messages",
            {"model": PERSONALITY.get("model", "claude-3-5-haiku-latest"), "max_tokens": 1000, "system": system, "messages": [{"role": "user", "content": message}]},
            {"x-api-key": os.environ["ANTHROPIC_API_KEY"], "anthropic-version": "2023-06-01"},
        )
        return "".join(part.get("text", "") for part in reply["content"])
    return None


def main(argv):
    memory = load_memory()
    memory["runs"] = memory.get("runs", 0) + 1
    print("%s (run %d)" % (AGENT_NAME, memory["runs"]))
    for name in CREDENTIALS:
        # Names only: an agent never prints a credential's value.
        print("  %s: %s" % (name, "available" if os.environ.get(name) else "missing (backpack key add %s)" % name))
    message = " ".join(argv) or "Introduce yourself in one sentence."
    system = SYSTEM_PROMPT + (" Tone: " + TONE + "." if TONE else "")
    answer = ask_model(system, message)
    if answer is None:
        print("[dry run] no OPENAI_API_KEY or ANTHROPIC_API_KEY, so nothing was sent.")
        print("  system: " + system)
        print("  user:   " + message)
    else:
        print(answer)
    save_memory(memory, "runs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
