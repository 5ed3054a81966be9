// Keychain pass (.ci/run): key rotate stores the new key and keeps or forgets the old one in the key store.
/**
 * `backpack key rotate` in a repository wired by `backpack setup`, end to end
 * with the built CLI and git: the re-encrypted blobs are staged with the new
 * key, committing leaves `git status` clean, `git log -p` still renders the
 * commits made with a kept old key, `--forget-old` makes the commits of the
 * key it forgets render locked, and no plaintext reaches the object store.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentFile } from "../helpers/agent-files.js";
import { fakeSecret } from "../helpers/secrets.js";
import { sandboxRepoPerTest } from "../helpers/per-test.js";
import { type Sandbox, assertNoPlaintextInObjects } from "../helpers/sandbox.js";

let sb: Sandbox;
let repo: string;
sandboxRepoPerTest((s, r) => ((sb = s), (repo = r)));

const git = (...args: string[]) => sb.git(args, { cwd: repo }).stdout;
const keyOf = (rev: string, path: string) => /"key": "([0-9a-f]{16})"/.exec(git("cat-file", "blob", `${rev}:${path}`))?.[1];
function bp(...args: string[]) {
  const r = sb.backpack(args, { cwd: repo });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe("backpack key rotate in a wired repository", () => {
  it("stages the new ciphertext, keeps history readable with the old key, and --forget-old locks what it forgets", () => {
    bp("setup", "--no-hook");
    const key1 = git("config", "backpack.key").trim();
    const files = [agentFile("root"), agentFile("nested")];
    mkdirSync(join(repo, "sub"));
    writeFileSync(join(repo, "agent.lock"), (files[0] as { text: string }).text);
    writeFileSync(join(repo, "sub", "agent.lock"), (files[1] as { text: string }).text);
    git("add", "-A");
    git("commit", "-qm", "c1: agents");
    const marker1 = fakeSecret("c1-memory");
    bp("memory", "set", "note", JSON.stringify(marker1));
    git("commit", "-qam", "c1b: memory");

    // Rotation 1, the old key kept.
    const out = bp("key", "rotate");
    const key2 = git("config", "backpack.key").trim();
    expect(key2).not.toBe(key1);
    expect(out).toMatch(/staged again with the new key: agent\.lock, sub\/agent\.lock \(commit them to finish\)/);
    expect(out).toMatch(new RegExp(`kept the old key ${key1} as a backup`));
    expect(git("status", "--porcelain")).toBe("M  agent.lock\nM  sub/agent.lock\n");
    expect(keyOf("", "agent.lock")).toBe(key2);
    expect(keyOf("", "sub/agent.lock")).toBe(key2);
    // The staged change is the key only: textconv renders both sides the same (--stat counts ciphertext lines).
    expect(git("diff", "--cached")).toBe("");
    git("commit", "-qm", "c2: rotate");
    expect(git("status", "--porcelain")).toBe("");
    // A checkout of the new commit smudges with the new key, and stays clean.
    git("rm", "-q", "--cached", "-r", ".");
    git("reset", "-q", "--hard", "HEAD");
    expect(git("status", "--porcelain")).toBe("");
    const log = git("log", "-p", "--", "agent.lock");
    expect(log.includes(marker1)).toBe(true);
    expect(log).not.toMatch(/locked: no key at hand/);

    // A commit under key2, then rotation 2 forgetting key2: that commit renders locked, key1's still render.
    const marker2 = fakeSecret("c3-memory");
    bp("memory", "set", "note", JSON.stringify(marker2));
    git("commit", "-qam", "c3: memory under key2");
    const forget = bp("key", "rotate", "--forget-old");
    expect(forget).toMatch(new RegExp(`forgot the old key ${key2}`));
    git("commit", "-qm", "c4: rotate, forget key2");
    expect(git("status", "--porcelain")).toBe("");
    const c3 = git("show", "HEAD~1", "--", "agent.lock");
    // Locked renders as one fingerprint per layer (the header line is unchanged context, outside the hunk).
    expect(c3).toMatch(/^\+\[memory\] encrypted [0-9a-f]{8}$/m);
    expect(git("show", `HEAD~1:agent.lock`).includes(`"key": "${key2}"`)).toBe(true);
    expect(c3.includes(marker2)).toBe(false);
    expect(git("show", "HEAD~3", "--", "agent.lock").includes(marker1)).toBe(true);
    // The working copy (key3) is still unlocked and current.
    expect(bp("memory", "show", "note", "--raw").trim()).toBe(marker2);

    assertNoPlaintextInObjects(sb, repo, [...files.flatMap((f) => f.secrets), marker1, marker2]);
  });
});
