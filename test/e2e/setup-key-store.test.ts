// Keychain pass (.ci/run): setup saves an exported key in the key store.
/**
 * `backpack setup` with an exported key in AGENT_MASTER_KEY: saved in the key
 * store (the repository then works without the variable), except on CI or
 * with --no-store-key, each said in the report. Store-agnostic: the key
 * lands in whichever store the sandbox uses (file store or OS keychain).
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportRepoKey, newRepoKey } from "../../src/core/key-material.js";
import { agentFile } from "../helpers/agent-files.js";
import { type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});
afterEach(() => sb.cleanup());

const key = newRepoKey(randomBytes(32));
const withKey = { AGENT_MASTER_KEY: exportRepoKey(key.key) };

/** True when a key store holds the repository's key (`backpack key export` finds it without the variable). */
function keyStored(repo: string): boolean {
  const r = sb.backpack(["key", "export", "--print"], { cwd: repo });
  return r.status === 0 && r.stdout.trim() === withKey.AGENT_MASTER_KEY;
}

describe("backpack setup with an exported key in AGENT_MASTER_KEY", () => {
  it("saves it, so a shell without the variable can commit and check out", () => {
    const repo = sb.repo();
    const r = sb.backpack(["setup", "--no-hook"], { cwd: repo, env: withKey });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`key ${key.fingerprint}: from AGENT_MASTER_KEY, saved in the (file|keychain) store so the repository works without AGENT_MASTER_KEY`));
    expect(keyStored(repo)).toBe(true);

    // Without the variable from here on.
    const file = agentFile("kept");
    writeFileSync(join(repo, "agent.lock"), file.text);
    sb.git(["add", "agent.lock", ".gitattributes"], { cwd: repo });
    sb.git(["commit", "-qm", "agent"], { cwd: repo });
    expect(sb.git(["cat-file", "blob", "HEAD:agent.lock"], { cwd: repo }).stdout).toMatch(new RegExp(`"key": "${key.fingerprint}"`));
    sb.git(["rm", "-q", "--cached", "agent.lock"], { cwd: repo });
    sb.git(["checkout", "-q", "HEAD", "--", "agent.lock"], { cwd: repo });
    expect(sb.git(["status", "--porcelain"], { cwd: repo }).stdout).toBe("");
    assertNoPlaintextInObjects(sb, repo, file.secrets);

    // A second run finds it stored.
    const again = sb.backpack(["setup", "--no-hook"], { cwd: sb.repo(), env: withKey });
    expect(again.stdout).toMatch(/from AGENT_MASTER_KEY, already in the (file|keychain) store/);
  });

  it("does not save it on CI, nor with --no-store-key; --store-key saves it on CI", () => {
    const ci = sb.backpack(["setup", "--no-hook"], { cwd: sb.repo(), env: { ...withKey, CI: "true" } });
    expect(ci.status, ci.stderr).toBe(0);
    expect(ci.stdout).toMatch(/from AGENT_MASTER_KEY, not saved \(CI is set: AGENT_MASTER_KEY is needed on every run; --store-key saves it\)/);
    const repo = sb.repo();
    const optOut = sb.backpack(["setup", "--no-hook", "--no-store-key"], { cwd: repo, env: withKey });
    expect(optOut.stdout).toMatch(/not saved \(--no-store-key\): keep AGENT_MASTER_KEY set wherever git runs here/);
    expect(sb.git(["config", "backpack.key"], { cwd: repo }).stdout.trim()).toBe(key.fingerprint);
    expect(keyStored(repo)).toBe(false);
    const optIn = sb.backpack(["setup", "--no-hook", "--store-key"], { cwd: sb.repo(), env: { ...withKey, CI: "true" } });
    expect(optIn.stdout).toMatch(/saved in the (file|keychain) store/);
    expect(keyStored(repo)).toBe(true);
  });
});
