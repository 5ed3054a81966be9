/**
 * `backpack doctor` on the places plaintext of an agent.lock can hide in a
 * repository: git rerere's record of conflicted files, cachetextconv, and an
 * agent.lock committed in plaintext in HEAD. Each is a problem with its fix,
 * and doctor never prints the values it found.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentFile } from "../helpers/agent-files.js";
import { fakeSecret } from "../helpers/secrets.js";
import { sandboxRepoPerTest } from "../helpers/per-test.js";
import { type Sandbox } from "../helpers/sandbox.js";

interface Finding {
  label: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

let sb: Sandbox;
let repo: string;
sandboxRepoPerTest((s, r) => ((sb = s), (repo = r)));

const git = (...args: string[]) => sb.git(args, { cwd: repo, allowFail: true });
function doctor() {
  const r = sb.backpack(["doctor", "--json"], { cwd: repo });
  const report = JSON.parse(r.stdout) as { ok: boolean; checks: Finding[] };
  return { status: r.status, text: r.stdout + r.stderr, find: (label: string) => report.checks.find((c) => c.label === label) };
}

describe("backpack doctor: where plaintext hides", () => {
  it("flags rerere (on, or implied by .git/rr-cache) and counts the agent.lock conflicts it recorded", () => {
    expect(sb.backpack(["setup", "--no-hook"], { cwd: repo }).status).toBe(0);
    const tones = [fakeSecret("formal"), fakeSecret("playful")];
    expect(sb.backpack(["init", "--personality", "base"], { cwd: repo }).status).toBe(0);
    git("add", "-A");
    git("commit", "-qm", "base");
    expect(doctor().find("rerere")).toMatchObject({ ok: true });

    git("config", "rerere.enabled", "true");
    git("checkout", "-qb", "other");
    sb.backpack(["config", "personality", "--tone", tones[1] as string], { cwd: repo });
    git("commit", "-qam", "other");
    git("checkout", "-q", "main");
    sb.backpack(["config", "personality", "--tone", tones[0] as string], { cwd: repo });
    git("commit", "-qam", "main");
    expect(git("merge", "other").status).not.toBe(0);
    git("merge", "--abort");

    const on = doctor();
    expect(on.status).toBe(1);
    expect(on.find("rerere")).toMatchObject({ ok: false, fix: expect.stringMatching(/^git config rerere\.enabled false, then delete .*rr-cache/) });
    expect(on.find("rerere")?.detail).toMatch(/rerere\.enabled is on: .* 1 recorded conflict\(s\) there hold decrypted agent\.lock text/);
    for (const tone of tones) expect(on.text.includes(tone)).toBe(false);

    // Unset, but rr-cache is there: git keeps recording.
    git("config", "--unset", "rerere.enabled");
    expect(doctor().find("rerere")?.detail).toMatch(/rerere is on \(rerere\.enabled is unset and \.git\/rr-cache exists\)/);
    git("config", "rerere.enabled", "false");
    expect(doctor().find("rerere")?.detail).toMatch(/^rerere is off: .* 1 recorded conflict/);
  });

  it("flags cachetextconv in any spelling git takes for true", () => {
    expect(sb.backpack(["setup", "--no-hook"], { cwd: repo }).status).toBe(0);
    expect(doctor().find("cachetextconv")).toMatchObject({ ok: true, detail: "off" });
    git("config", "diff.backpack.cachetextconv", "yes");
    expect(doctor().find("cachetextconv")).toMatchObject({ ok: false, fix: expect.stringMatching(/git config --unset-all diff\.backpack\.cachetextconv/) });
  });

  it("flags an agent.lock committed in plaintext in HEAD, without printing its values", () => {
    mkdirSync(join(repo, "agents"));
    const file = agentFile("leaked");
    writeFileSync(join(repo, "agents", "agent.lock"), file.text);
    git("add", "-A");
    git("commit", "-qm", "no filter yet");
    expect(existsSync(join(repo, ".git/hooks/pre-commit"))).toBe(false);
    const r = doctor();
    expect(r.status).toBe(1);
    expect(r.find("committed agent.lock")).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^committed in plaintext in HEAD \([0-9a-f]+\): agents\/agent\.lock$/),
      fix: expect.stringMatching(/`backpack setup`, then `git add --renormalize \.` and commit .*rotate every embedded credential/),
    });
    for (const secret of file.secrets) expect(r.text.includes(secret)).toBe(false);

    // The fix works: once re-added through the filter, HEAD is clean.
    expect(sb.backpack(["setup", "--no-hook"], { cwd: repo }).status).toBe(0);
    git("add", "--renormalize", ".");
    git("commit", "-qm", "encrypt");
    expect(doctor().find("committed agent.lock")).toMatchObject({ ok: true, detail: expect.stringMatching(/^1 in HEAD .*: encrypted \(1 authenticated\)$/) });
  });
});
