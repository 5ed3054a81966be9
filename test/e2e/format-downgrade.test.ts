/**
 * A format downgrade (issue #11, follow-up): an agent.lock committed as
 * format 3 (with its file id and the integrity line `mac`) must not go down
 * to format 2 or 1.0 at the same path unseen, because that strips the
 * integrity line. The pre-commit hook compares the staged blob with HEAD's;
 * `backpack verify` compares HEAD with its parent, and each commit of a
 * range or of all history with its parents. Real git, the built CLI; the
 * older-format blobs are the project's own fixtures, staged byte for byte
 * (`git update-index --cacheinfo`, so no filter touches them).
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";

const FORMAT_2 = join(PROJECT_ROOT, "fixtures/golden/basic.stored.lock");
const FORMAT_1 = join(PROJECT_ROOT, "fixtures/v1/default.agent.lock");

let sb: Sandbox;
let repo: string;

beforeEach(() => {
  sb = makeSandbox();
  repo = sb.wiredRepo();
});
afterEach(() => sb.cleanup());

/** Commits a format 3 agent.lock at `path` (through the clean filter); returns the commit. */
function commitFormat3(path = "agent.lock"): string {
  mkdirSync(join(repo, dirname(path)), { recursive: true });
  const init = sb.backpack(["init", path, "--personality", "format three"], { cwd: repo });
  expect(init.status, init.stderr).toBe(0);
  sb.git(["add", path], { cwd: repo });
  const staged = sb.git(["cat-file", "blob", `:${path}`], { cwd: repo }).stdout;
  expect(JSON.parse(staged)).toMatchObject({ version: 3 });
  sb.git(["commit", "-q", "-m", "format 3"], { cwd: repo });
  return sb.git(["rev-parse", "HEAD"], { cwd: repo }).stdout.trim();
}

/** Stages the bytes of `file` at `path` as they are (no filter). */
function stageAsIs(file: string, path = "agent.lock"): void {
  const oid = sb.git(["hash-object", "-w", "--no-filters", file], { cwd: repo }).stdout.trim();
  sb.git(["update-index", "--add", "--cacheinfo", `100644,${oid},${path}`], { cwd: repo });
}

const verify = (args: string[] = []) => {
  const r = sb.backpack(["verify", ...args], { cwd: repo });
  return { ...r, out: r.stdout + r.stderr };
};

describe("a format 3 agent.lock that goes down to format 2 or 1.0", () => {
  it.each([
    ["format 2", FORMAT_2],
    ["format 1.0", FORMAT_1],
  ])("to %s: the hook blocks the commit with the fix; once committed past it, verify (HEAD, range, --all) reports it", (name, file) => {
    const base = commitFormat3();
    stageAsIs(file);
    const blocked = sb.git(["commit", "-q", "-m", "downgrade"], { cwd: repo, allowFail: true });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain("agent-lock-downgrade");
    expect(blocked.stderr).toContain(`format 3 went down to ${name}`);
    expect(blocked.stderr).toContain("backpack migrate agent.lock");
    expect(blocked.stderr).toContain("--no-verify");

    // The documented override for one commit (a deliberate revert of the upgrade).
    sb.git(["commit", "-q", "-m", "downgrade", "--no-verify"], { cwd: repo });
    const downgraded = sb.git(["rev-parse", "HEAD"], { cwd: repo }).stdout.trim();
    for (const args of [[], ["--all"], [`${base}..HEAD`]]) {
      const r = verify(args);
      expect(r.status, r.out).toBe(1);
      expect(r.out).toContain(`${downgraded.slice(0, 12)} agent.lock: format 3 went down to ${name}`);
      expect(r.out).toContain("backpack migrate");
      const json = JSON.parse(verify([...args, "--json"]).stdout) as { problems: { kind: string; commit: string }[] };
      expect(json.problems.map((p) => `${p.kind} ${p.commit}`)).toEqual([`downgrade ${downgraded}`]);
      const allowed = verify([...args, "--allow-downgrade"]);
      expect(allowed.status, allowed.out).toBe(0);
      expect(allowed.out).toContain("allowed by --allow-downgrade");
    }
    const sarif = JSON.parse(verify(["--all", "--format", "sarif"]).stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual(["agent-lock-format-downgrade"]);

    // A later commit on top: HEAD no longer changed it, so plain verify passes; history still names the commit.
    sb.git(["commit", "-q", "--allow-empty", "-m", "later"], { cwd: repo });
    const later = verify([]);
    expect(later.status, later.out).toBe(0);
    expect(verify(["--all"]).out).toContain(`${downgraded.slice(0, 12)} agent.lock: format 3 went down`);
  });

  it("in a subfolder, under its own path: the hook compares the same path only", () => {
    commitFormat3("bots/a/agent.lock");
    stageAsIs(FORMAT_2, "bots/a/agent.lock");
    const blocked = sb.git(["commit", "-q", "-m", "downgrade"], { cwd: repo, allowFail: true });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain("bots/a/agent.lock");
    expect(blocked.stderr).toContain("format 3 went down to format 2");
  });
});

describe("older formats that were never format 3 at their path are not downgrades", () => {
  it("format 1.0 and 2 files added next to a format 3 one, then changed from 2 to 1.0: the hook and verify pass", () => {
    const base = commitFormat3();
    stageAsIs(FORMAT_1, "fixtures/v1/agent.lock");
    stageAsIs(FORMAT_2, "old/agent.lock");
    const added = sb.git(["commit", "-q", "-m", "fixtures"], { cwd: repo, allowFail: true });
    expect(added.status, added.stderr).toBe(0);
    // format 2 to format 1.0 at one path is not a loss of the integrity line (format 2 never had it).
    stageAsIs(FORMAT_1, "old/agent.lock");
    const changed = sb.git(["commit", "-q", "-m", "older still"], { cwd: repo, allowFail: true });
    expect(changed.status, changed.stderr).toBe(0);
    for (const args of [[], ["--all"], [`${base}..HEAD`]]) {
      const r = verify(args);
      expect(r.status, r.out).toBe(0);
      expect(r.out).not.toContain("went down");
    }
  });

  it("format 2 upgraded to format 3 (backpack migrate) is no downgrade, and the repository's own fixtures pass", () => {
    stageAsIs(FORMAT_2);
    sb.git(["commit", "-q", "-m", "format 2", "--no-verify"], { cwd: repo });
    commitFormat3("bots/agent.lock");
    const r = verify(["--all"]);
    expect(r.out).not.toContain("went down");
    expect(r.status, r.out).toBe(0);
  });
});
