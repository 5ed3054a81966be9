#!/usr/bin/env python3
"""Research assistant: a backpack agent template.

    backpack run agent.py "What is known about X?"

Searches the web when BRAVE_SEARCH_API_KEY is set, answers with numbered
sources, and keeps a note of each answer (and its sources) in memory for later
questions. backpack injects the credentials named in agent.lock as environment
variables, plus AGENT_SYSTEM_PROMPT, AGENT_TONE, AGENT_PERSONALITY (JSON) and
AGENT_LOCK (memory is read from it, and saved with `backpack memory set`).
Without ANTHROPIC_API_KEY the script stops before calling the API and shows
what it would send.
"""
import datetime
import json
import os
import sys
import urllib.parse
import urllib.request

from backpack_agent import anthropic_message, load_memory, save_memory

SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or "You are a research assistant."
TONE = os.environ.get("AGENT_TONE", "")
RESULTS = 5


def search(question):
    """Web results as [{title, url, snippet}]; empty without BRAVE_SEARCH_API_KEY."""
    key = os.environ.get("BRAVE_SEARCH_API_KEY")
    if not key:
        return []
    url = "https://api.search.brave.com/res/v1/web/search?" + urllib.parse.urlencode({"q": question, "count": RESULTS})
    request = urllib.request.Request(url, headers={"X-Subscription-Token": key, "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        results = json.load(response).get("web", {}).get("results", [])
    return [{"title": r.get("title", ""), "url": r.get("url", ""), "snippet": r.get("description", "")} for r in results[:RESULTS]]


def main(argv):
    question = " ".join(argv) or "What are the main open problems in keeping secrets out of git repositories?"
    memory = load_memory()
    results = search(question)
    sources = "\n".join("[%d] %s (%s): %s" % (i + 1, r["title"], r["url"], r["snippet"]) for i, r in enumerate(results))
    notes = "\n".join("- %(date)s %(question)s: %(answer)s" % n for n in memory.get("notes", [])[-10:])
    system = SYSTEM_PROMPT + (" Tone: " + TONE + "." if TONE else "")
    content = "Question: %s\n\nSearch results:\n%s\n\nEarlier notes:\n%s" % (question, sources or "(no web search: say so)", notes or "(none)")
    answer = anthropic_message(system, content, max_tokens=1500, timeout=180)
    if answer is None:
        print("[dry run] ANTHROPIC_API_KEY is not set, so nothing was sent. The request would be:")
        print(json.dumps({"system": system, "content": content}, indent=2))
        print("Add the key with `backpack key add ANTHROPIC_API_KEY`, then `backpack run agent.py \"your question\"`.")
        return 0
    print(answer)
    if results:
        print("\nSources:")
        for i, r in enumerate(results):
            print("  [%d] %s" % (i + 1, r["url"]))
    memory.setdefault("notes", []).append({"date": datetime.date.today().isoformat(), "question": question, "answer": answer[:400]})
    known = set(memory.setdefault("sources", []))
    memory["sources"] = memory["sources"] + [r["url"] for r in results if r["url"] not in known]
    memory["notes"] = memory["notes"][-100:]
    save_memory(memory, "notes", "sources")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
