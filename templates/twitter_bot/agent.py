#!/usr/bin/env python3
"""X/Twitter bot: a backpack agent template.

    backpack run agent.py [TOPIC] [--post]

Drafts one post on TOPIC (default: the next topic in memory), avoiding the
recent posts kept in memory. With --post and TWITTER_BEARER_TOKEN it publishes
the draft. backpack injects the credentials named in agent.lock as environment
variables, plus AGENT_SYSTEM_PROMPT, AGENT_TONE, AGENT_PERSONALITY (JSON) and
AGENT_LOCK (memory is read from it, and saved with `backpack memory set`).
Without OPENAI_API_KEY the script stops before calling the API and shows what
it would send.
"""
import json
import os
import shutil
import subprocess
import sys
import urllib.request

PERSONALITY = json.loads(os.environ.get("AGENT_PERSONALITY") or "{}")
SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or "You write short posts for X/Twitter."
TONE = os.environ.get("AGENT_TONE", "")
LIMIT = 280


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


def draft(messages):
    """One OpenAI chat completion; None (a dry run) without OPENAI_API_KEY."""
    key = os.environ.get("OPENAI_API_KEY")
    if not key:
        return None
    reply = post_json(
        "https://api.openai.com/v1/chat/completions",
        {"model": PERSONALITY.get("model", "gpt-4o-mini"), "messages": messages},
        {"Authorization": "Bearer " + key},
    )
    return reply["choices"][0]["message"]["content"].strip().strip('"')


def publish(text):
    token = os.environ.get("TWITTER_BEARER_TOKEN")
    if not token:
        print("TWITTER_BEARER_TOKEN is not set: add it with `backpack key add TWITTER_BEARER_TOKEN` to post.")
        return None
    return post_json("https://api.x.com/2/tweets", {"text": text}, {"Authorization": "Bearer " + token})


def main(argv):
    should_post = "--post" in argv
    words = [a for a in argv if a != "--post"]
    memory = load_memory()
    recent = memory.setdefault("recent_posts", [])
    topics = memory.get("topics") or ["something you find interesting"]
    topic = " ".join(words) or topics[len(recent) % len(topics)]
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT + (" Tone: " + TONE + "." if TONE else "")},
        {
            "role": "user",
            "content": "Write one post about: %s\nDo not repeat these recent posts:\n%s" % (topic, "\n".join("- " + p for p in recent[-10:]) or "(none)"),
        },
    ]
    text = draft(messages)
    if text is None:
        print("[dry run] OPENAI_API_KEY is not set, so nothing was sent. The request would be:")
        print(json.dumps(messages, indent=2))
        print("Add the key with `backpack key add OPENAI_API_KEY`, then `backpack run agent.py`.")
        return 0
    if len(text) > LIMIT:
        text = text[: LIMIT - 1].rstrip() + "\u2026"
    print(text)
    if should_post and publish(text) is not None:
        print("posted.")
    recent.append(text)
    memory["recent_posts"] = recent[-50:]
    save_memory(memory, "recent_posts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
