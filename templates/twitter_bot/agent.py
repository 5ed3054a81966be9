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
import sys

from backpack_agent import chat, load_memory, post_json, save_memory

SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or "You write short posts for X/Twitter."
TONE = os.environ.get("AGENT_TONE", "")
LIMIT = 280


def draft(messages):
    """One post from the model, without surrounding quotes; None (a dry run) without OPENAI_API_KEY."""
    text = chat(messages)
    return None if text is None else text.strip().strip('"')


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
