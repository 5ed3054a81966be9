/**
 * `backpack lock` during an unresolved merge: a working file that still has
 * conflict markers is locked too, into the conflict form (the very blob the
 * merge driver stored), so lock leaves no plaintext on disk; `unlock` gives
 * the markers back byte for byte, and resolving then commits ciphertext.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeSecret } from "../helpers/secrets.js";
import { sandboxRepoPerTest } from "../helpers/per-test.js";
import { type Sandbox, assertNoPlaintextInObjects } from "../helpers/sandbox.js";

let sb: Sandbox;
let repo: string;
sandboxRepoPerTest((s, r) => ((sb = s), (repo = r)));

const ok = (args: string[]) => {
  const r = sb.backpack(args, { cwd: repo });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};
const git = (...args: string[]) => sb.git(args, { cwd: repo, allowFail: true });

describe("backpack lock with conflict markers", () => {
  it("locks the conflicted file as the conflict form, unlock restores the markers, and the resolution commits ciphertext", () => {
    const prompt = fakeSecret("prompt");
    const tones = [fakeSecret("formal"), fakeSecret("playful")];
    ok(["setup", "--no-hook"]);
    ok(["init", "--personality", prompt]);
    writeFileSync(join(repo, "other.txt"), "unrelated\n");
    git("add", "-A");
    git("commit", "-qm", "base");
    git("checkout", "-qb", "other");
    ok(["config", "personality", "--tone", tones[1] as string]);
    git("commit", "-qam", "other");
    git("checkout", "-q", "main");
    ok(["config", "personality", "--tone", tones[0] as string]);
    git("commit", "-qam", "main");
    expect(git("merge", "other").status).not.toBe(0);
    const marked = readFileSync(join(repo, "agent.lock"), "utf8");
    expect(marked).toMatch(/^<{7} ours$/m);
    const status = git("status", "--porcelain").stdout;
    expect(status).toBe("UU agent.lock\n");

    const out = ok(["lock"]);
    expect(out).toMatch(/locked with their conflict markers \(unresolved merge\): agent\.lock/);
    const locked = readFileSync(join(repo, "agent.lock"), "utf8");
    expect(locked).toMatch(/"conflict": "v3\.[jz]\./);
    for (const plain of [prompt, ...tones]) expect(locked.includes(plain)).toBe(false);
    // The merge driver's own blob: locking adds nothing new to the object store.
    const oid = git("hash-object", "--no-filters", "agent.lock").stdout.trim();
    expect(git("cat-file", "-t", oid).stdout.trim()).toBe("blob");
    expect(git("status", "--porcelain").stdout).toBe(status);
    // Still refused by git add (the clean filter fails closed on an unresolved conflict).
    expect(git("add", "agent.lock").status).not.toBe(0);

    ok(["unlock"]);
    expect(readFileSync(join(repo, "agent.lock"), "utf8")).toBe(marked);
    const resolved = marked.replace(/^<{7} ours\n(.*\n)={7}\n.*\n>{7} theirs\n/m, "$1");
    writeFileSync(join(repo, "agent.lock"), resolved);
    git("add", "agent.lock");
    expect(git("commit", "-qm", "merged").status).toBe(0);
    expect(git("status", "--porcelain").stdout).toBe("");
    assertNoPlaintextInObjects(sb, repo, [prompt, ...tones]);
  });
});
