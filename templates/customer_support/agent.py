#!/usr/bin/env python3
"""Customer support: a backpack agent template.

    backpack run agent.py "How do I reset my password?"
    backpack run agent.py            # a conversation: one message per line, empty line or Ctrl-D ends

Answers from the FAQ in memory when a question matches, hands messages with
escalation words to a person, and drafts everything else with the model.
backpack injects the credentials named in agent.lock as environment variables,
plus AGENT_SYSTEM_PROMPT, AGENT_TONE, AGENT_PERSONALITY (JSON) and AGENT_LOCK
(memory is read from it, and saved with `backpack memory set`). Without
OPENAI_API_KEY it shows what it would send instead.
"""
import json
import os
import re
import sys

from backpack_agent import chat, load_memory

SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or "You are a customer support agent."
TONE = os.environ.get("AGENT_TONE", "")


def words(text):
    return set(re.findall(r"[a-z]+", text.lower())) - {"how", "do", "i", "my", "the", "a", "to", "what", "are", "your", "is", "can"}


def faq_answer(message, faq):
    """The FAQ answer whose question shares most words with the message (at least two)."""
    best, score = None, 1
    for entry in faq:
        shared = len(words(message) & words(entry["question"]))
        if shared > score:
            best, score = entry["answer"], shared
    return best


def reply(message, memory, history):
    escalate = [w for w in memory.get("escalate_words", []) if w in message.lower()]
    if escalate:
        return "I'm passing this to a colleague who can help with it; they will contact you (%s)." % memory.get("escalation_contact", "support")
    known = faq_answer(message, memory.get("faq", []))
    if known:
        return known
    facts = "Product: %s\nFAQ:\n%s" % (memory.get("product", ""), "\n".join("Q: %(question)s A: %(answer)s" % e for e in memory.get("faq", [])))
    history.append({"role": "user", "content": message})
    messages = [{"role": "system", "content": SYSTEM_PROMPT + (" Tone: " + TONE + "." if TONE else "") + "\n" + facts}] + history
    answer = chat(messages)
    if answer is None:
        history.pop()
        return "[dry run] OPENAI_API_KEY is not set, so this was not sent: %s\nAdd the key with `backpack key add OPENAI_API_KEY`." % json.dumps(message)
    history.append({"role": "assistant", "content": answer})
    return answer


def main(argv):
    memory = load_memory()
    history = []
    if argv:
        print(reply(" ".join(argv), memory, history))
        return 0
    if sys.stdin.isatty():
        print("%s support. Type a message (empty line to finish)." % memory.get("product", "Customer"))
    for line in sys.stdin:
        if not line.strip():
            break
        print(reply(line.strip(), memory, history))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
