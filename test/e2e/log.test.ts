/** `backpack log [FILE] [--layer L] [--key PATH] [--json]` on a real repository, run as the built CLI. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkingForm } from "../../src/core/schema.js";
import { type WiredRepo, handWiredRepo } from "../helpers/hand-wired.js";
import { type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";

const SECRET = "sk-live-bplog-SECRET-4a5b"; // backpack:allow generic-secret (a fake value for the test)
const SECRET_2 = "sk-live-bplog-ROTATED-6c7d"; // backpack:allow generic-secret

const v1: WorkingForm = {
  version: 2,
  credentials: { DEPLOY: { source: "embedded", value: SECRET } },
  personality: { system_prompt: "You are the log analyst.", tone: "tone-formal" },
  memory: { facts: ["fact-one"], user: { name: "Ada" } },
};
const v2: WorkingForm = { ...v1, personality: { ...v1.personality, tone: "tone-playful" } };
const v3: WorkingForm = { ...v2, memory: { facts: ["fact-one", "fact-two"], user: { name: "Ada" } } };
const v4: WorkingForm = { ...v3, credentials: { DEPLOY: { source: "embedded", value: SECRET_2 } }, memory: { ...v3.memory, user: { name: "Ada L." } } };

interface JsonLog {
  path: string;
  commits: { commit: string; subject: string; author: string; date: string; file: string; changes: { layer: string; key: string; kind: string; before?: unknown; after?: unknown }[] }[];
}

describe("backpack log", () => {
  let sb: Sandbox;
  let repo: WiredRepo;
  const write = (doc: WorkingForm, path = "agent.lock") => writeFileSync(join(repo.dir, path), `${JSON.stringify(doc, null, 2)}\n`);
  const log = (args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) =>
    sb.backpack(["log", ...args], { cwd: options.cwd ?? repo.dir, env: options.env ?? repo.keyEnv });
  const json = (args: string[]) => {
    const r = log([...args, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as JsonLog;
  };
  const leaks = (text: string) => [SECRET, SECRET_2].some((s) => text.includes(s));

  beforeEach(() => {
    sb = makeSandbox();
    repo = handWiredRepo(sb);
    write(v1);
    repo.git(["add", "."]);
    repo.git(["commit", "-q", "-m", "v1: the agent"]);
    for (const [doc, message] of [[v2, "v2: tone"], [v3, "v3: a fact"], [v4, "v4: rotate and rename"]] as const) {
      write(doc);
      repo.git(["commit", "-q", "-am", message]);
    }
  });
  afterEach(() => sb.cleanup());

  it("lists every commit that changed the file, newest first, per layer and per key, values redacted", () => {
    const r = log([]);
    expect(r.status, r.stderr).toBe(0);
    const headings = r.stdout.split("\n").filter((line) => /^[0-9a-f]{12} /.test(line));
    expect(headings.map((line) => line.replace(/^[0-9a-f]{12} \d{4}-\d\d-\d\d /, ""))).toEqual([
      "Backpack Test: v4: rotate and rename",
      "Backpack Test: v3: a fact",
      "Backpack Test: v2: tone",
      "Backpack Test: v1: the agent (agent.lock added)",
    ]);
    expect(r.stdout).toContain("  [credentials] 1 changed\n    ~ DEPLOY.value: <redacted:");
    expect(r.stdout).toContain('  [memory] 1 changed\n    ~ user.name: "Ada" → "Ada L."\n');
    expect(r.stdout).toContain('  [personality] 1 changed\n    ~ tone: "tone-formal" → "tone-playful"\n');
    expect(leaks(r.stdout) || leaks(r.stderr)).toBe(false);
    assertNoPlaintextInObjects(sb, repo.dir, [SECRET, SECRET_2, "log analyst", "tone-playful", "fact-two"]);
  });

  it("narrows to a layer and to a key, in text and as JSON", () => {
    const tone = json(["--layer", "personality", "--key", "tone"]);
    expect(tone.path).toBe("agent.lock");
    expect(tone.commits.map((c) => [c.subject, c.file, c.changes])).toEqual([
      ["v2: tone", "changed", [{ layer: "personality", key: "tone", path: ["tone"], kind: "changed", before: "tone-formal", after: "tone-playful" }]],
      ["v1: the agent", "added", [{ layer: "personality", key: "tone", path: ["tone"], kind: "added", after: "tone-formal" }]],
    ]);
    const user = json(["--key", "user"]);
    expect(user.commits.map((c) => c.changes.map((x) => `${c.subject} ${x.key} ${x.kind}`))).toEqual([["v4: rotate and rename user.name changed"], ["v1: the agent user.name added"]]);
    const memory = log(["--layer", "memory", "-n", "2"]);
    expect(memory.stdout.split("\n").filter((line) => /^[0-9a-f]{12} /.test(line))).toHaveLength(2);
    expect(memory.stdout).not.toContain("[personality]");
    expect(memory.stdout).not.toContain("[credentials]");
    expect(log(["--key", "no.such.key"]).stdout).toBe("no commit changed no.such.key in agent.lock\n");
  });

  it("redacts credential values in JSON unless asked, and then shows them", () => {
    const redacted = log(["--layer", "credentials", "--json"]);
    expect(leaks(redacted.stdout)).toBe(false);
    const change = (JSON.parse(redacted.stdout) as JsonLog).commits[0]?.changes[0];
    expect(change).toMatchObject({ key: "DEPLOY.value", kind: "changed" });
    expect(String(change?.before)).toMatch(/^<redacted:[0-9a-f]{8}>$/);
    const shown = log(["--layer", "credentials", "--json", "--show-secrets"]);
    expect((JSON.parse(shown.stdout) as JsonLog).commits[0]?.changes[0]).toMatchObject({ before: SECRET, after: SECRET_2 });
  });

  it("follows a file named from a subfolder, and an agent in a subfolder", () => {
    mkdirSync(join(repo.dir, "agents", "helper"), { recursive: true });
    write(v1, "agents/helper/agent.lock");
    repo.git(["add", "agents"]);
    repo.git(["commit", "-q", "-m", "helper"]);
    const fromSub = log(["agent.lock", "--json"], { cwd: join(repo.dir, "agents", "helper") });
    expect(fromSub.status, fromSub.stderr).toBe(0);
    const parsed = JSON.parse(fromSub.stdout) as JsonLog;
    expect([parsed.path, parsed.commits.map((c) => c.subject)]).toEqual(["agents/helper/agent.lock", ["helper"]]);
    const top = log(["../../agent.lock", "--json"], { cwd: join(repo.dir, "agents", "helper") });
    expect((JSON.parse(top.stdout) as JsonLog).commits).toHaveLength(4);
  });

  it("refuses what it cannot do, with a hint and the documented exit code", () => {
    const missing = log(["nothing/agent.lock"]);
    expect([missing.status, missing.stderr]).toEqual([2, "backpack: no commit changes nothing/agent.lock\nhint: name a committed agent.lock (see `git ls-files '*agent.lock'`)\n"]);
    expect(log(["--rev", "no-such-rev"]).status).toBe(2);
    expect(log(["--key", "a..b"]).status).toBe(2);
    expect(log(["-n", "0"]).status).toBe(2);
    expect(log(["../outside/agent.lock"]).status).toBe(2);
    const locked = log([], { env: {} });
    expect(locked.status).toBe(5);
    expect(locked.stderr).toMatch(/^backpack: no key at hand for agent\.lock \([0-9a-f]{12}\)/);
    expect(leaks(locked.stdout) || leaks(locked.stderr)).toBe(false);
    expect(sb.backpack(["log"], { cwd: sb.root }).status).toBe(8);
  });
});
