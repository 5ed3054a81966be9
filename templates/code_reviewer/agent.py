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
import shutil
import subprocess
import sys
import urllib.request

PERSONALITY = json.loads(os.environ.get("AGENT_PERSONALITY") or "{}")
SYSTEM_PROMPT = os.environ.get("AGENT_SYSTEM_PROMPT") or "You are a senior engineer reviewing a change."
TONE = os.environ.get("AGENT_TONE", "")
MAX_DIFF = 60_000


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
    """One Anthropic message; None (a dry run) without ANTHROPIC_API_KEY."""
    key = os.environ.get("ANTHROPIC_API_KEY")
    if not key:
        return None
    body = {
        "model": PERSONALITY.get("model", "claude-3-5-haiku-latest"),
        "max_tokens": 2000,
        "system": system,
        "messages": [{"role": "user", "content": "Review this change:\n\n" + diff}],
    }
    request = urllib.request.Request(
        "https://api.anthropic.com/v1/messages",
        data=json.dumps(body).encode(),
        headers={"x-api-key": key, "anthropic-version": "2023-06-01", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=180) as response:
        return "".join(part.get("text", "") for part in json.load(response)["content"])


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
