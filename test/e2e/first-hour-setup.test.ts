// Keychain pass (.ci/run): unlock with a key only in the key store.
/**
 * The first hour with setup and hooks, driven as a new user met it: init
 * before setup, husky before `npm install`, a global core.hooksPath, the
 * pre-push hook, unlock with a key only in the environment.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sandboxRepoPerTest } from "../helpers/per-test.js";
import { PROJECT_ROOT, type Sandbox } from "../helpers/sandbox.js";
import { expandFake } from "../helpers/fake-secrets.mjs";

const GITHUB = expandFake("ghp_«A36»", "first-hour-github");

let sb: Sandbox;
let repo: string;
sandboxRepoPerTest((s, r) => ((sb = s), (repo = r)));

const header = (text: string) => (JSON.parse(text) as { key?: string }).key;

describe("backpack init before backpack setup (the README's order)", () => {
  it("gives the repository its own key, never the personal default key, and moves the uncommitted file to it", () => {
    const init = sb.backpack(["init", "--credentials", "OPENAI_API_KEY"], { cwd: repo });
    expect(init.status, init.stderr).toBe(0);
    expect(init.stderr).toMatch(/not set up yet.*`backpack setup` gives the repository a key of its own/);
    const personal = header(readFileSync(join(repo, "agent.lock"), "utf8"));
    expect(personal).toMatch(/^[0-9a-f]{16}$/);

    const setup = sb.backpack(["setup"], { cwd: repo });
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stdout).not.toMatch(/committed agent\.lock files/);
    const repoKey = /key ([0-9a-f]{16}): created/.exec(setup.stdout)?.[1];
    expect(repoKey, setup.stdout).toBeDefined();
    expect(repoKey).not.toBe(personal);
    expect(sb.git(["config", "backpack.key"], { cwd: repo }).stdout.trim()).toBe(repoKey);
    expect(setup.stdout).toContain(`agent.lock (not committed yet) was encrypted with your personal default key ${personal}: now in the working form, so \`git add\` encrypts it with the repository's key ${repoKey}`);

    sb.git(["add", "-A"], { cwd: repo });
    sb.git(["commit", "-qm", "agent"], { cwd: repo });
    expect(header(sb.git(["show", "HEAD:agent.lock"], { cwd: repo }).stdout)).toBe(repoKey);
    expect(sb.backpack(["verify"], { cwd: repo }).status).toBe(0);
    // The personal default key never became the repository's: exporting it gives the repo key.
    expect(sb.backpack(["key", "export"], { cwd: repo }).stdout).toMatch(/BACKPACK-KEY-1:/);
    expect(sb.backpack(["key", "export"], { cwd: repo }).stderr + sb.backpack(["key", "export"], { cwd: repo }).stdout).not.toContain(personal);
  });

  it("says exactly what will happen when the uncommitted file's key is not on this machine", () => {
    const other = sb.machine("laptop");
    expect(other.backpack(["init", "-q"]).status).toBe(0);
    copyFileSync(join(other.root, "agent.lock"), join(repo, "agent.lock"));
    const before = readFileSync(join(repo, "agent.lock"), "utf8");
    const setup = sb.backpack(["setup"], { cwd: repo });
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stdout).toMatch(/key [0-9a-f]{16}: created/);
    expect(setup.stderr).toMatch(/agent\.lock \(not committed yet\) is encrypted with key [0-9a-f]{16}, which is not on this machine, and not the repository's key [0-9a-f]{16}: `git add` would commit it as it is/);
    expect(setup.stderr).toMatch(/hint: bring that key here \(`backpack key import`\)/);
    expect(readFileSync(join(repo, "agent.lock"), "utf8")).toBe(before);
  });

  it("still finds the key from committed files on a clone, and says so", () => {
    expect(sb.backpack(["setup", "-q"], { cwd: repo }).status).toBe(0);
    expect(sb.backpack(["init", "-q"], { cwd: repo }).status).toBe(0);
    sb.git(["add", "-A"], { cwd: repo });
    sb.git(["commit", "-qm", "agent"], { cwd: repo });
    const clone = join(sb.root, "clone");
    sb.git(["clone", "-q", repo, clone]);
    const setup = sb.backpack(["setup"], { cwd: clone });
    expect(setup.stdout).toMatch(/found: the committed agent\.lock files use it/);
  });
});

const HUSKY = join(PROJECT_ROOT, "node_modules", "husky", "bin.js");

/** Stages a file holding a GitHub token and tries to commit it. */
function commitToken(dir: string, file = "settings.py") {
  writeFileSync(join(dir, file), `TOKEN = "${GITHUB}"\n`);
  sb.git(["add", file], { cwd: dir });
  return sb.git(["commit", "-qm", "token"], { cwd: dir, allowFail: true });
}

describe("husky before `npm install` (core.hooksPath not set yet)", () => {
  it("setup and doctor say the hook does not run yet; once husky is active (the real husky), the commit is blocked", () => {
    mkdirSync(join(repo, ".husky"));
    const setup = sb.backpack(["setup"], { cwd: repo });
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stdout).toContain(`pre-commit hook: installed (${join(repo, ".husky", "pre-commit")})`);
    expect(setup.stderr).toMatch(/the pre-commit hook does not run yet: husky is not active in this clone yet \(core\.hooksPath is not set/);
    expect(setup.stderr).toMatch(/hint: run `npm install` \(or `npx husky`\)/);
    const doctor = sb.backpack(["doctor"], { cwd: repo });
    expect(doctor.status).toBe(1);
    expect(doctor.stdout + doctor.stderr).toMatch(/pre-commit hook.*husky is not active in this clone yet/);

    // What the user met: git runs no hook, so the token goes through. Setup no longer claims otherwise.
    expect(commitToken(repo, "first.py").status).toBe(0);

    // husky's prepare script (`npm install`) sets core.hooksPath to .husky/_: the block now runs.
    const activate = spawnSync(process.execPath, [HUSKY], { cwd: repo, env: sb.env, encoding: "utf8" });
    expect(activate.status, activate.stderr).toBe(0);
    expect(sb.git(["config", "core.hooksPath"], { cwd: repo }).stdout.trim()).toBe(".husky/_");
    const blocked = commitToken(repo, "second.py");
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toMatch(/github-token/);
    expect(blocked.stderr).not.toContain(GITHUB);
    const after = sb.backpack(["doctor", "--json"], { cwd: repo });
    const hookFinding = (JSON.parse(after.stdout) as { checks?: { label: string; ok: boolean }[] } | { label: string; ok: boolean }[]);
    const list = Array.isArray(hookFinding) ? hookFinding : (hookFinding.checks ?? []);
    expect(list.find((c) => c.label === "pre-commit hook")?.ok).toBe(true);
  });
});

describe("a global core.hooksPath (a folder every repository shares)", () => {
  it("setup writes nothing there, says what to do, and commits in other repositories keep working", () => {
    const shared = join(sb.home, ".githooks");
    mkdirSync(shared);
    sb.git(["config", "--global", "core.hooksPath", shared]);
    const setup = sb.backpack(["setup"], { cwd: repo });
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stdout).toContain(`pre-commit hook: not installed: core.hooksPath (global config) is ${shared}, a folder every repository shares`);
    expect(setup.stderr).toContain(`git runs hooks from ${shared} (core.hooksPath in your global git config), shared by every repository on this machine`);
    expect(setup.stderr).toMatch(/hint: add the lines for a shared folder from docs\/git\.md/);
    expect(readdirSync(shared)).toEqual([]);
    const doctor = sb.backpack(["doctor"], { cwd: repo });
    expect(doctor.status).toBe(1);
    expect(doctor.stdout + doctor.stderr).toMatch(/pre-commit hook.*shared by every repository/);

    // Another repository on the machine, never set up: its commits still work.
    const other = sb.repo("other");
    writeFileSync(join(other, "README"), "hi\n");
    sb.git(["add", "README"], { cwd: other });
    expect(sb.git(["commit", "-qm", "readme"], { cwd: other, allowFail: true }).status).toBe(0);
  });

  it("the documented lines for a shared folder block the token here and pass in a repository without backpack", () => {
    const shared = join(sb.home, ".githooks");
    mkdirSync(shared);
    sb.git(["config", "--global", "core.hooksPath", shared]);
    const docs = readFileSync(join(PROJECT_ROOT, "docs", "git.md"), "utf8");
    const snippet = /### A shared hooks folder[\s\S]*?```sh\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(snippet, "docs/git.md has the lines").toBeDefined();
    writeFileSync(join(shared, "pre-commit"), snippet as string, { mode: 0o755 });
    expect(sb.backpack(["setup", "-q"], { cwd: repo }).status).toBe(0);
    const doctor = sb.backpack(["doctor"], { cwd: repo });
    expect(doctor.stdout).toMatch(/pre-commit hook.*runs backpack/);
    const blocked = commitToken(repo);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toMatch(/github-token/);
    const other = sb.repo("other");
    writeFileSync(join(other, "README"), "hi\n");
    sb.git(["add", "README"], { cwd: other });
    expect(sb.git(["commit", "-qm", "readme"], { cwd: other, allowFail: true }).status).toBe(0);
  });
});

describe("backpack setup --pre-push", () => {
  /** A bare remote, and the repository's agent.lock committed in plaintext behind git's back (the filter not active). */
  function plaintextCommit(): string {
    const remote = join(sb.root, "remote.git");
    sb.git(["init", "-q", "--bare", remote]);
    sb.git(["remote", "add", "origin", remote], { cwd: repo });
    writeFileSync(join(repo, "README"), "hi\n");
    sb.git(["add", "README"], { cwd: repo });
    sb.git(["commit", "-qm", "readme"], { cwd: repo });
    expect(sb.git(["push", "-q", "origin", "main"], { cwd: repo, allowFail: true }).status).toBe(0);
    expect(sb.backpack(["init", "-q"], { cwd: repo }).status).toBe(0);
    sb.git(["-c", "filter.backpack.required=false", "-c", "filter.backpack.clean=cat", "-c", "filter.backpack.process=", "add", "agent.lock"], { cwd: repo });
    sb.git(["commit", "-qm", "plaintext", "--no-verify"], { cwd: repo });
    return remote;
  }

  it("installs a pre-push hook that refuses a push holding a plaintext agent.lock, chains an existing hook, and uninstalls", () => {
    const hooks = join(repo, ".git", "hooks");
    mkdirSync(hooks, { recursive: true });
    // An existing pre-push hook that records what git gave it on stdin.
    writeFileSync(join(hooks, "pre-push"), `#!/bin/sh\ncat > "${join(sb.root, "seen")}"\n`, { mode: 0o755 });
    const setup = sb.backpack(["setup", "--pre-push"], { cwd: repo });
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stdout).toContain(`pre-push hook: installed; the existing hook was kept as pre-push.pre-backpack and runs first (${join(hooks, "pre-push")})`);
    expect(sb.backpack(["doctor"], { cwd: repo }).stdout).toMatch(/pre-push hook.*installed/);

    plaintextCommit();
    const push = sb.git(["push", "origin", "main"], { cwd: repo, allowFail: true });
    expect(push.status).not.toBe(0);
    expect(push.stderr).toMatch(/committed in plaintext/);
    expect(push.stderr).toMatch(/push refused/);
    // The chained hook got the refs too.
    expect(readFileSync(join(sb.root, "seen"), "utf8")).toMatch(/^refs\/heads\/main [0-9a-f]{40} refs\/heads\/main [0-9a-f]{40}\n/);

    // Fixed (the filter encrypts the file again): the push goes through.
    sb.git(["rm", "-q", "--cached", "agent.lock"], { cwd: repo });
    sb.git(["reset", "-q", "--hard", "origin/main"], { cwd: repo });
    sb.git(["add", "agent.lock"], { cwd: repo }); // the working copy is still there; the filter is active now
    sb.git(["commit", "-qm", "encrypted"], { cwd: repo });
    const ok = sb.git(["push", "origin", "main"], { cwd: repo, allowFail: true });
    expect(ok.status, ok.stderr).toBe(0);

    const uninstall = sb.backpack(["setup", "--uninstall"], { cwd: repo });
    expect(uninstall.stdout).toContain("pre-push hook: removed; the hook it chained is back");
    expect(readFileSync(join(hooks, "pre-push"), "utf8")).toContain("cat >");
    expect(existsSync(join(hooks, "pre-push.pre-backpack"))).toBe(false);
  });

  it("goes into .husky/pre-push with husky, and the real husky runs it", () => {
    mkdirSync(join(repo, ".husky"));
    const activate = spawnSync(process.execPath, [HUSKY], { cwd: repo, env: sb.env, encoding: "utf8" });
    expect(activate.status, activate.stderr).toBe(0);
    const setup = sb.backpack(["setup", "--pre-push"], { cwd: repo });
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stderr).toBe("");
    expect(readFileSync(join(repo, ".husky", "pre-push"), "utf8")).toContain("# >>> backpack-agent pre-push >>>");
    plaintextCommit();
    const push = sb.git(["push", "origin", "main"], { cwd: repo, allowFail: true });
    expect(push.status).not.toBe(0);
    expect(push.stderr).toMatch(/push refused/);
  });
});

describe("backpack unlock with the key only in AGENT_MASTER_KEY", () => {
  /** A repository whose committed agent.lock is locked on a second machine that has no key yet; returns the exported key and the clone. */
  function lockedClone(): { exported: string; clone: string; other: Sandbox } {
    expect(sb.backpack(["setup", "-q"], { cwd: repo }).status).toBe(0);
    expect(sb.backpack(["init", "-q", "--credentials", "OPENAI_API_KEY"], { cwd: repo }).status).toBe(0);
    sb.git(["add", "-A"], { cwd: repo });
    sb.git(["commit", "-qm", "agent"], { cwd: repo });
    const exported = sb.backpack(["key", "export"], { cwd: repo }).stdout.trim();
    expect(exported).toMatch(/^BACKPACK-KEY-1:/);
    const other = sb.machine("ci-box");
    const clone = join(other.root, "clone");
    other.git(["clone", "-q", repo, clone]);
    const setup = other.backpack(["setup", "--no-store-key"], { cwd: clone });
    expect(setup.stderr).toMatch(/stay locked/);
    return { exported, clone, other };
  }

  it("saves the key, so git status and checkout work once the variable is gone", () => {
    const { exported, clone, other } = lockedClone();
    const unlock = other.backpack(["unlock"], { cwd: clone, env: { AGENT_MASTER_KEY: exported } });
    expect(unlock.status, unlock.stderr).toBe(0);
    expect(unlock.stdout).toMatch(/saved key [0-9a-f]{16} in the (file|keychain)\s*store\nunlocked/);
    expect(unlock.stdout).toMatch(/unlocked 1 file\(s\): agent\.lock/);
    expect(unlock.stdout + unlock.stderr).not.toContain(exported.slice(15, 40));
    // The variable is gone: git still cleans the unlocked file.
    expect(other.git(["status", "--porcelain"], { cwd: clone }).stdout).toBe("");
    other.git(["checkout", "-q", "-b", "feature"], { cwd: clone });
    expect(other.backpack(["memory", "set", "k", "1", "-q"], { cwd: clone }).status).toBe(0);
    other.git(["commit", "-qam", "memory"], { cwd: clone });
    expect(other.git(["checkout", "-q", "main"], { cwd: clone, allowFail: true }).status).toBe(0);
  });

  it("with CI set it does not save the key, and says the variable must stay set", () => {
    const { exported, clone, other } = lockedClone();
    const unlock = other.backpack(["unlock"], { cwd: clone, env: { AGENT_MASTER_KEY: exported, CI: "true" } });
    expect(unlock.status, unlock.stderr).toBe(0);
    expect(unlock.stderr).toMatch(/is only in AGENT_MASTER_KEY \(not saved: CI is set\): keep it set wherever git runs here/);
    expect(other.git(["status", "--porcelain"], { cwd: clone, env: { AGENT_MASTER_KEY: exported } }).stdout).toBe("");
  });

  it("with no key at all gives one message and one outcome (exit 5, never \"nothing to unlock\")", () => {
    const { clone, other } = lockedClone();
    const unlock = other.backpack(["unlock"], { cwd: clone });
    expect(unlock.status).toBe(5);
    expect(unlock.stdout).toBe("");
    expect(unlock.stderr).not.toMatch(/nothing to unlock/);
    expect(unlock.stderr).toMatch(/nothing unlocked: 1 file\(s\) stay locked: no key at hand for key [0-9a-f]{16} \(agent\.lock\)/);
    expect(unlock.stderr).toMatch(/hint: import the key with `backpack key import`/);
  });
});
