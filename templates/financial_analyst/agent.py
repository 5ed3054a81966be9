#!/usr/bin/env python3
"""Financial analyst: a backpack agent template.

    backpack run agent.py [TICKER] [QUESTION...]

backpack injects the credentials named in agent.lock as environment variables,
plus AGENT_SYSTEM_PROMPT, AGENT_TONE, AGENT_PERSONALITY (JSON) and AGENT_LOCK
(the agent.lock: memory is read from it, and saved with `backpack memory
set`). Without OPENAI_API_KEY the script stops before calling the API and
shows what it would send. Standard library only.
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request

PERSONALITY = json.loads(os.environ.get("AGENT_PERSONALITY") or "{}")
SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or "You are a careful financial analyst."
TONE = os.environ.get("AGENT_TONE", "")


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


def fetch_quote(ticker):
    """The latest quote from Alpha Vantage, or None without a key."""
    key = os.environ.get("ALPHA_VANTAGE_API_KEY")
    if not key:
        return None
    query = urllib.parse.urlencode({"function": "GLOBAL_QUOTE", "symbol": ticker, "apikey": key})
    with urllib.request.urlopen("https://www.alphavantage.co/query?" + query, timeout=30) as response:
        return json.load(response).get("Global Quote")


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
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)["choices"][0]["message"]["content"]


def main(argv):
    memory = load_memory()
    watchlist = memory.get("watchlist") or ["AAPL"]
    ticker = (argv[0] if argv else watchlist[0]).upper()
    question = " ".join(argv[1:]) or "How does this stock look today, and what are the main risks?"
    quote = fetch_quote(ticker)
    preferences = memory.get("preferences", {})
    context = "Quote: " + json.dumps(quote) if quote else "No live quote available; say so and reason from general knowledge."
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT + (" Tone: " + TONE + "." if TONE else "")},
        {"role": "user", "content": "Ticker: %s\n%s\nInvestor preferences: %s\n\n%s" % (ticker, context, json.dumps(preferences), question)},
    ]
    answer = chat(messages)
    if answer is None:
        print("[dry run] OPENAI_API_KEY is not set, so nothing was sent. The request would be:")
        print(json.dumps(messages, indent=2))
        print("Add the key with `backpack key add OPENAI_API_KEY`, then `backpack run agent.py %s`." % ticker)
        return 0
    print(answer)
    analyses = memory.setdefault("analyses", {})
    analyses[ticker] = {"date": datetime.date.today().isoformat(), "question": question, "summary": answer[:500]}
    if ticker not in watchlist:
        memory["watchlist"] = watchlist + [ticker]
    save_memory(memory, "analyses", "watchlist")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
