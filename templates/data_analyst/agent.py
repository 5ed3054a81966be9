#!/usr/bin/env python3
"""Data analyst: a backpack agent template.

    backpack run agent.py [FILE.csv] [QUESTION...]

Profiles the CSV locally (columns, types, ranges, missing values: no network
needed), then asks the model what the data says. FILE defaults to sample.csv
next to this script. backpack injects the credentials named in agent.lock as
environment variables, plus AGENT_SYSTEM_PROMPT, AGENT_TONE, AGENT_PERSONALITY
(JSON) and AGENT_LOCK (memory is read from it, and saved with `backpack memory
set`). Without OPENAI_API_KEY the script prints the profile and stops before
calling the API.
"""
import csv
import datetime
import json
import os
import sys

from backpack_agent import chat, load_memory, save_memory

SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or "You are a data analyst."
TONE = os.environ.get("AGENT_TONE", "")
SAMPLE_ROWS = 5


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def profile(path):
    """Per-column type, missing count and range (numbers) or distinct count (text)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    columns = {}
    for name in rows[0].keys() if rows else []:
        values = [row.get(name) or "" for row in rows]
        present = [v for v in values if v.strip() != ""]
        numbers = [number(v) for v in present]
        column = {"missing": len(values) - len(present)}
        if present and all(n is not None for n in numbers):
            column.update(type="number", min=min(numbers), max=max(numbers), mean=round(sum(numbers) / len(numbers), 3))
        else:
            column.update(type="text", distinct=len(set(present)))
        columns[name] = column
    return {"rows": len(rows), "columns": columns}, rows[:SAMPLE_ROWS]


def main(argv):
    path = argv[0] if argv else os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample.csv")
    question = " ".join(argv[1:]) or "What stands out in this data, and what should I look at next?"
    summary, sample = profile(path)
    print("%s: %d rows" % (os.path.basename(path), summary["rows"]))
    for name, column in summary["columns"].items():
        detail = "min %(min)g, max %(max)g, mean %(mean)g" % column if column["type"] == "number" else "%d distinct" % column["distinct"]
        print("  %-16s %-6s %s%s" % (name, column["type"], detail, ", %d missing" % column["missing"] if column["missing"] else ""))
    memory = load_memory()
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT + (" Tone: " + TONE + "." if TONE else "")},
        {"role": "user", "content": "Profile: %s\nSample rows: %s\n\n%s" % (json.dumps(summary), json.dumps(sample), question)},
    ]
    answer = chat(messages)
    if answer is None:
        print("[dry run] OPENAI_API_KEY is not set, so the profile was not sent for interpretation.")
        print("Add the key with `backpack key add OPENAI_API_KEY`, then `backpack run agent.py%s`." % (" " + argv[0] if argv else ""))
        return 0
    print()
    print(answer)
    memory.setdefault("datasets", {})[os.path.basename(path)] = {
        "date": datetime.date.today().isoformat(),
        "rows": summary["rows"],
        "columns": sorted(summary["columns"]),
        "takeaway": answer[:300],
    }
    save_memory(memory, "datasets")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
