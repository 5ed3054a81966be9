/** `backpack diff [REV [REV]]` on a real repository, run as the built CLI. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkingForm } from "../../src/core/schema.js";
import { type WiredRepo, handWiredRepo } from "../helpers/hand-wired.js";
import { type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";

const SECRET = "sk-live-bpdiff-SECRET-1c2d"; // backpack:allow generic-secret (a fake value for the test)
const SECRET_2 = "sk-live-bpdiff-ROTATED-9e8f"; // backpack:allow generic-secret
const PROMPT = "You are the diff analyst.\nAnswer briefly.";

const v1: WorkingForm = {
  version: 2,
  credentials: { DEPLOY: { source: "embedded", value: SECRET } },
  personality: { system_prompt: PROMPT, tone: "tone-formal" },
  memory: { facts: ["fact-one"] },
};
const v2: WorkingForm = { ...v1, personality: { ...v1.personality, tone: "tone-playful" }, memory: { facts: ["fact-one", "fact-two"] } };
const v3: WorkingForm = {
  ...v2,
  credentials: { DEPLOY: { source: "embedded", value: SECRET_2 } },
  personality: { ...v2.personality, system_prompt: `${PROMPT}\nNever guess.` },
};

describe("backpack diff", () => {
  let sb: Sandbox;
  let repo: WiredRepo;
  const write = (doc: WorkingForm, path = "agent.lock") => writeFileSync(join(repo.dir, path), `${JSON.stringify(doc, null, 2)}\n`);
  const diff = (args: string[], env: NodeJS.ProcessEnv = repo.keyEnv) => sb.backpack(["diff", ...args], { cwd: repo.dir, env });

  beforeEach(() => {
    sb = makeSandbox();
    repo = handWiredRepo(sb);
    write(v1);
    repo.git(["add", "."]);
    repo.git(["commit", "-q", "-m", "v1"]);
    write(v2);
    repo.git(["commit", "-q", "-am", "v2"]);
  });
  afterEach(() => sb.cleanup());

  it("compares HEAD with the working tree, a revision with the working tree, and two revisions", () => {
    write(v3);
    const worktree = diff([]);
    expect(worktree.status, worktree.stderr).toBe(0);
    expect(worktree.stdout).toContain("agent.lock: HEAD → working tree\n  [credentials] 1 changed\n    ~ DEPLOY.value: <redacted:");
    expect(worktree.stdout).toContain("  [personality] 1 changed\n    ~ system_prompt:\n          You are the diff analyst.\n          Answer briefly.\n        + Never guess.\n");
    expect(worktree.stdout).toContain("  [memory] unchanged\n");

    const fromRev = diff(["HEAD~1"]);
    expect(fromRev.stdout).toContain("agent.lock: HEAD~1 → working tree");
    expect(fromRev.stdout).toContain('~ tone: "tone-formal" → "tone-playful"');
    expect(fromRev.stdout).toContain('        + "fact-two"');

    const between = diff(["HEAD~1", "HEAD"]);
    expect(between.stdout).toBe(
      [
        "agent.lock: HEAD~1 → HEAD",
        "  [credentials] unchanged",
        "  [personality] 1 changed",
        '    ~ tone: "tone-formal" → "tone-playful"',
        "  [memory] 1 changed",
        "    ~ facts:",
        '          "fact-one"',
        '        + "fact-two"',
        "",
      ].join("\n"),
    );
    for (const r of [worktree, fromRev, between]) expect([SECRET, SECRET_2].some((s) => r.stdout.includes(s) || r.stderr.includes(s))).toBe(false);

    const shown = diff(["--show-secrets"]);
    expect(shown.stdout.includes(`~ DEPLOY.value: "${SECRET}" → "${SECRET_2}"`)).toBe(true);
    repo.git(["add", "agent.lock"]);
    assertNoPlaintextInObjects(sb, repo.dir, [SECRET, SECRET_2, "diff analyst", "Never guess", "tone-formal", "tone-playful", "fact-two"]);
  });

  it("shows a new agent.lock in a subfolder as added, and an unchanged one as unchanged", () => {
    mkdirSync(join(repo.dir, "agents/helper"), { recursive: true });
    write(v1, "agents/helper/agent.lock");
    const r = diff([]);
    expect(r.stdout).toContain("agent.lock: unchanged (HEAD → working tree)\n");
    expect(r.stdout).toContain("agents/helper/agent.lock: added (HEAD → working tree)\n  [credentials] 2 added\n");
    expect(r.stdout.includes(SECRET)).toBe(false);
  });

  it("refuses what it cannot do, with a hint and the documented exit code", () => {
    const unknown = diff(["no-such-rev"]);
    expect([unknown.status, unknown.stderr]).toEqual([2, "backpack: unknown revision: no-such-rev\nhint: name a commit, branch or tag (see `git log --oneline`)\n"]);
    expect(diff(["a", "b", "c"]).status).toBe(2);
    const locked = diff(["HEAD~1", "HEAD"], {});
    expect(locked.status).toBe(5);
    expect(locked.stderr).toMatch(/^backpack: no key at hand for agent\.lock \(HEAD~1\)/);
    const outside = sb.backpack(["diff"], { cwd: sb.root });
    expect(outside.status).toBe(8);
  });
});
