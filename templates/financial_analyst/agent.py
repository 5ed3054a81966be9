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
import sys
import urllib.parse
import urllib.request

from backpack_agent import chat, load_memory, save_memory

SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or "You are a careful financial analyst."
TONE = os.environ.get("AGENT_TONE", "")


def fetch_quote(ticker):
    """The latest quote from Alpha Vantage, or None without a key."""
    key = os.environ.get("ALPHA_VANTAGE_API_KEY")
    if not key:
        return None
    query = urllib.parse.urlencode({"function": "GLOBAL_QUOTE", "symbol": ticker, "apikey": key})
    with urllib.request.urlopen("https://www.alphavantage.co/query?" + query, timeout=30) as response:
        return json.load(response).get("Global Quote")


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
