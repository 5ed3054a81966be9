/**
 * What the team end-to-end tests share: the real age CLI (age-keygen, age -d),
 * and a repository shared through a bare remote, set up and committed by its
 * first member.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { RunResult, Sandbox } from "./sandbox.js";

/** Asserts that a command succeeded (its output in the failure message) and returns its stdout. */
export function ok(r: RunResult, what: string): string {
  expect(r.status, `${what}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

/** `age-keygen -o FILE`: an identity made by the real age tools; returns its recipient. */
export function ageKeygen(path: string): string {
  const r = spawnSync("age-keygen", ["-o", path], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return (/age1[0-9a-z]+/.exec(r.stderr) ?? [""])[0];
}

/** `age -d -i IDENTITY FILE` with the real age CLI. */
export function ageDecrypt(identity: string, file: string): RunResult {
  const r = spawnSync("age", ["-d", "-i", identity, file], { encoding: "utf8" });
  return { status: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A bare remote under the sandbox and the first member's clone of it (`a`), wired by
 * `backpack setup`, with `doc` committed as agent.lock through the clean filter.
 */
export function sharedRepo(first: Sandbox, doc: unknown): { remote: string; clone: string } {
  const remote = join(first.root, "remote.git");
  first.git(["init", "-q", "--bare", remote]);
  first.git(["clone", "-q", remote, "a"]);
  const clone = join(first.root, "a");
  ok(first.backpack(["setup"], { cwd: clone }), "setup");
  writeFileSync(join(clone, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
  first.git(["add", "-A"], { cwd: clone });
  first.git(["commit", "-qm", "agent"], { cwd: clone });
  return { remote, clone };
}
