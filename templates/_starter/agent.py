#!/usr/bin/env python3
"""{{AGENT_NAME_TEXT}}: an agent made by `backpack quickstart`.

    backpack run agent.py "your message"

backpack injects the credentials named in agent.lock as environment variables
(values from your environment, agent.lock or your keychain), plus
AGENT_SYSTEM_PROMPT, AGENT_TONE, AGENT_PERSONALITY (the whole personality as
JSON) and AGENT_LOCK (the agent.lock: memory is read from it, and saved with
`backpack memory set`). Standard library only; the helpers it imports are in
backpack_agent.py next to it. Replace ask_model() with your framework of choice.
"""
import json
import os
import sys

from backpack_agent import anthropic_message, chat, load_memory, save_memory

AGENT_NAME = {{AGENT_NAME}}
CREDENTIALS = {{CREDENTIALS}}
PERSONALITY = json.loads(os.environ.get("AGENT_PERSONALITY") or "{}")
SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or PERSONALITY.get("system_prompt", "You are a helpful assistant.")
TONE = os.environ.get("AGENT_TONE") or PERSONALITY.get("tone", "")


def ask_model(system, message):
    """OpenAI or Anthropic, whichever key is at hand; None when neither is (a dry run)."""
    if os.environ.get("OPENAI_API_KEY"):
        return chat([{"role": "system", "content": system}, {"role": "user", "content": message}])
    return anthropic_message(system, message)


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
