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
import sys

from backpack_agent import chat, load_memory, save_memory

SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or "You are a content writer."
TONE = os.environ.get("AGENT_TONE", "")
DEFAULT_FORMATS = {"blog": "a blog post of about 600 words", "newsletter": "a newsletter section", "linkedin": "a LinkedIn post"}


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
    text = chat(messages, timeout=180)
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
