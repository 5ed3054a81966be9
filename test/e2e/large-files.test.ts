/**
 * A large agent.lock under real git, as users meet it after upgrading: a
 * file whose memory layer an older release compressed with fflate (flag
 * "z") is touched and stays unmodified; an edit changes only its layer's line
 * and the integrity line; new large layers are stored with brotli (flag "b").
 */
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportRepoKey, newRepoKey } from "../../src/core/key-material.js";
import { withOldMemoryEncoding } from "../helpers/old-encoding.js";
import { type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";
import { fakeSecret } from "../helpers/secrets.js";

describe("a large agent.lock committed by an older release", () => {
  let sb: Sandbox;
  let repo: string;
  const raw = randomBytes(32);
  const repoKey = newRepoKey(raw);
  const env = { AGENT_MASTER_KEY: exportRepoKey(raw) };
  const secret = fakeSecret("large-token");
  const memorySecret = fakeSecret("large-memory");
  const git = (args: string[], cwd = repo) => sb.git(args, { cwd, env });
  const stored = (rev: string) => git(["cat-file", "-p", `${rev}:agent.lock`]).stdout;
  const token = (text: string, layer: string) => new RegExp(`^ {4}"${layer}": "(v[23]\\.[jzb])\\.`, "m").exec(text)?.[1];
  /** The keys of the stored-form lines that differ between two versions. */
  const changedLines = (a: string, b: string) => {
    const [x, y] = [a.split("\n"), b.split("\n")];
    expect(x.length).toBe(y.length);
    return x.flatMap((line, i) => (line === y[i] ? [] : [/^\s*"([^"]+)"/.exec(line)?.[1] ?? line]));
  };
  const touch = (path: string, hours: number) => {
    const later = new Date(Date.now() + hours * 3_600_000);
    utimesSync(path, later, later);
  };

  beforeAll(() => {
    sb = makeSandbox();
    repo = sb.repo("large");
    const setup = sb.backpack(["setup", "--no-hook"], { cwd: repo, env });
    expect(setup.status, setup.stderr).toBe(0);
    const notes = Array.from({ length: 4_000 }, (_, i) => `note ${i} ${randomBytes(40).toString("hex")}`);
    const doc = {
      version: 2,
      id: randomBytes(16).toString("base64url"),
      agent: { name: "large" },
      credentials: { API_TOKEN: { source: "embedded", value: secret } },
      personality: { system_prompt: "You remember everything.", tone: "dry" },
      memory: { notes: [memorySecret, ...notes] },
    };
    writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
    git(["add", "-A"]);
    // What the older release stored for this file: the same layers, the memory deflated by fflate.
    writeFileSync(join(repo, "agent.lock"), withOldMemoryEncoding(stored(""), repoKey));
    git(["add", "agent.lock"]);
    git(["commit", "-qm", "agent, as the older release stored it"]);
    // Checked out by this release.
    rmSync(join(repo, "agent.lock"));
    git(["checkout", "--", "agent.lock"]);
  });
  afterAll(() => sb?.cleanup());

  it("stays unmodified when touched: git status is clean, git diff is empty", () => {
    const head = stored("HEAD");
    expect(token(head, "memory")).toBe("v3.z");
    expect(head.length).toBeGreaterThan(64 * 1024);
    expect(readFileSync(join(repo, "agent.lock"), "utf8")).toContain(memorySecret);
    for (let hours = 1; hours <= 2; hours++) {
      touch(join(repo, "agent.lock"), hours);
      expect(git(["status", "--porcelain"]).stdout).toBe("");
      expect(git(["diff"]).stdout).toBe("");
      expect(git(["diff", "--stat", "HEAD"]).stdout).toBe("");
    }
    // git add of the touched file stages the bytes git already holds.
    touch(join(repo, "agent.lock"), 3);
    git(["add", "agent.lock"]);
    expect(stored("")).toBe(head);
  });

  it("`backpack lock` writes the bytes git holds, so the locked file is not modified either", () => {
    const path = join(repo, "agent.lock");
    const lock = sb.backpack(["lock"], { cwd: repo, env });
    expect(lock.status, lock.stderr).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(stored("HEAD"));
    expect(git(["status", "--porcelain"]).stdout).toBe("");
    const unlock = sb.backpack(["unlock"], { cwd: repo, env });
    expect(unlock.status, unlock.stderr).toBe(0);
    expect(readFileSync(path, "utf8")).toContain(memorySecret);
    expect(git(["status", "--porcelain"]).stdout).toBe("");
  });

  it("changes only the edited layer's line and the integrity line", () => {
    const path = join(repo, "agent.lock");
    const doc = JSON.parse(readFileSync(path, "utf8")) as { personality: Record<string, string>; memory: Record<string, unknown> };
    doc.personality.tone = "warm";
    writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
    git(["add", "agent.lock"]);
    expect(changedLines(stored("HEAD"), stored(""))).toEqual(["personality", "mac"]);
    expect(token(stored(""), "memory")).toBe("v3.z");
    const diff = git(["diff", "--cached"]).stdout;
    expect(diff).toMatch(/^-.*"tone": "dry"/m);
    expect(diff).toMatch(/^\+.*"tone": "warm"/m);
    expect(diff).not.toMatch(/^[-+].*note /m);
    git(["commit", "-qm", "tone"]);

    // A memory edit: the memory line, now brotli, and the integrity line.
    doc.memory.last_seen = "today";
    writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
    git(["add", "agent.lock"]);
    expect(changedLines(stored("HEAD"), stored(""))).toEqual(["memory", "mac"]);
    expect(token(stored(""), "memory")).toBe("v3.b");
    git(["commit", "-qm", "memory"]);
    touch(path, 4);
    expect(git(["status", "--porcelain"]).stdout).toBe("");
  });

  it("checks out in a clone and stays unmodified there when touched; no plaintext in the object store", () => {
    const clone = join(sb.root, "clone");
    git(["clone", "-q", repo, clone], sb.root);
    const setup = sb.backpack(["setup", "--no-hook"], { cwd: clone, env });
    expect(setup.status, setup.stderr).toBe(0);
    expect(readFileSync(join(clone, "agent.lock"), "utf8")).toContain(memorySecret);
    touch(join(clone, "agent.lock"), 5);
    expect(git(["status", "--porcelain"], clone).stdout).toBe("");
    assertNoPlaintextInObjects(sb, repo, [secret, memorySecret]);
    assertNoPlaintextInObjects(sb, clone, [secret, memorySecret]);
  });
});
