#!/usr/bin/env python3
"""Content generator: a backpack agent template.

    backpack run agent.py "TOPIC" [--format blog|newsletter|linkedin] [--out FOLDER]

Writes a draft in the brand voice kept in memory and saves it as Markdown in
FOLDER (default drafts/). backpack injects the credentials named in agent.lock
as environment variables, plus AGENT_SYSTEM_PROMPT, AGENT_TONE,
AGENT_PERSONALITY (JSON) and AGENT_LOCK (memory is read from it, and saved
with `backpack memory set`). Without OPENAI_API_KEY the script stops before
calling the API and shows what it would send.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request

PERSONALITY = json.loads(os.environ.get("AGENT_PERSONALITY") or "{}")
SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or "You are a content writer."
TONE = os.environ.get("AGENT_TONE", "")
DEFAULT_FORMATS = {"blog": "a blog post of about 600 words", "newsletter": "a newsletter section", "linkedin": "a LinkedIn post"}


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


def chat(messages):
    """One OpenAI chat completion; None (a dry run) without OPENAI_API_KEY."""
    key = os.environ.get("OPENAI_API_KEY")
    if not key:
        return None
    body = json.dumps({"model": PERSONALITY.get("model", "gpt-4o-mini"), "messages": messages}).encode()
    request = urllib.request.Request(
        "https://api.openai.com/v1/chat/completions",
        data=body,
        headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=180) as response:
        return json.load(response)["choices"][0]["message"]["content"]


def main(argv):
    memory = load_memory()
    formats = memory.get("formats") or DEFAULT_FORMATS
    parser = argparse.ArgumentParser(description="Write a draft in the brand voice.")
    parser.add_argument("topic", nargs="*", help="what to write about")
    parser.add_argument("--format", choices=sorted(formats), default="blog")
    parser.add_argument("--out", default="drafts", help="folder for the Markdown drafts")
    args = parser.parse_args(argv)
    topic = " ".join(args.topic) or "why small, well-tested tools beat big frameworks"
    voice = json.dumps(memory.get("brand_voice", {}))
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT + (" Tone: " + TONE + "." if TONE else "") + "\nBrand voice: " + voice},
        {"role": "user", "content": "Write %s about: %s" % (formats[args.format], topic)},
    ]
    text = chat(messages)
    if text is None:
        print("[dry run] OPENAI_API_KEY is not set, so nothing was sent. The request would be:")
        print(json.dumps(messages, indent=2))
        print("Add the key with `backpack key add OPENAI_API_KEY`, then `backpack run agent.py \"your topic\"`.")
        return 0
    slug = re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")[:60] or "draft"
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "%s-%s-%s.md" % (datetime.date.today().isoformat(), args.format, slug))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.rstrip() + "\n")
    print(text)
    print("\nsaved %s" % path)
    drafts = memory.setdefault("drafts", [])
    drafts.append({"date": datetime.date.today().isoformat(), "format": args.format, "topic": topic, "file": path})
    memory["drafts"] = drafts[-100:]
    save_memory(memory, "drafts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
