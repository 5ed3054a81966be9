#!/usr/bin/env python3
"""Code reviewer: a backpack agent template.

    backpack run agent.py                 # the working tree's changes (git diff HEAD)
    backpack run agent.py change.patch    # a patch file ("-" reads stdin)
    backpack run agent.py owner/repo#123  # a GitHub pull request (GITHUB_TOKEN)

backpack injects the credentials named in agent.lock as environment variables,
plus AGENT_SYSTEM_PROMPT, AGENT_TONE, AGENT_PERSONALITY (JSON) and AGENT_LOCK
(memory is read from it, and saved with `backpack memory set`). Without
ANTHROPIC_API_KEY the script stops before calling the API and shows what it
would send.
"""
import datetime
import json
import os
import re
import subprocess
import sys
import urllib.request

from backpack_agent import anthropic_message, load_memory, save_memory

SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or "You are a senior engineer reviewing a change."
TONE = os.environ.get("AGENT_TONE", "")
MAX_DIFF = 60_000


def read_diff(target):
    """The diff to review, and a short name for it."""
    pull = re.fullmatch(r"([\w.-]+)/([\w.-]+)#(\d+)", target or "")
    if pull:
        owner, repo, number = pull.groups()
        headers = {"Accept": "application/vnd.github.diff"}
        if os.environ.get("GITHUB_TOKEN"):
            headers["Authorization"] = "Bearer " + os.environ["GITHUB_TOKEN"]
        request = urllib.request.Request("https://api.github.com/repos/%s/%s/pulls/%s" % (owner, repo, number), headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read().decode("utf-8", "replace"), target
    if target == "-":
        return sys.stdin.read(), "stdin"
    if target:
        with open(target, encoding="utf-8", errors="replace") as f:
            return f.read(), target
    result = subprocess.run(["git", "diff", "HEAD"], capture_output=True, text=True)
    if result.returncode != 0:
        result = subprocess.run(["git", "diff", "--cached"], capture_output=True, text=True)
    return result.stdout, "working tree"


def review(system, diff):
    """The model's review of `diff`; None (a dry run) without ANTHROPIC_API_KEY."""
    return anthropic_message(system, "Review this change:\n\n" + diff, max_tokens=2000, timeout=180)


def main(argv):
    memory = load_memory()
    diff, name = read_diff(argv[0] if argv else None)
    if not diff.strip():
        print("Nothing to review: no changes in %s. Name a patch file or a pull request (owner/repo#N)." % name)
        return 1
    if len(diff) > MAX_DIFF:
        diff = diff[:MAX_DIFF] + "\n[... diff truncated ...]"
    conventions = "\n".join("- " + c for c in memory.get("conventions", []))
    system = SYSTEM_PROMPT + (" Tone: " + TONE + "." if TONE else "") + ("\nTeam conventions:\n" + conventions if conventions else "")
    answer = review(system, diff)
    if answer is None:
        print("[dry run] ANTHROPIC_API_KEY is not set, so nothing was sent. The request would be:")
        print(json.dumps({"system": system, "diff_lines": diff.count("\n"), "source": name}, indent=2))
        print("Add the key with `backpack key add ANTHROPIC_API_KEY`, then `backpack run agent.py`.")
        return 0
    print(answer)
    reviews = memory.setdefault("reviews", [])
    reviews.append({"date": datetime.date.today().isoformat(), "source": name, "summary": answer[:300]})
    memory["reviews"] = reviews[-20:]
    save_memory(memory, "reviews")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
