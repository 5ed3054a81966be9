// Keychain pass (.ci/run): setup generates the repo key and stores it.
/**
 * `backpack setup`: what it writes, idempotence, exact --uninstall, foreign
 * values, PATH independence, diff modes, passphrase keys, and the pre-commit
 * hook (chained, core.hooksPath, husky, fail closed, kill switch).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agentFile, snapshotTree } from "../helpers/agent-files.js";
import { CLI, type Sandbox, STORE_NAME, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";
import { sandboxStore } from "../helpers/vault.js";

const q = (path: string) => `'${path}'`;
const BASE = `NODE_EXTRA_CA_CERTS= ${q(process.execPath)} ${q(CLI)}`;
/** The textconv script, sourced by git's shell, told where node and the CLI are. */
const TEXTCONV = `backpack_node=${q(process.execPath)} backpack_cli=${q(CLI)} . ${q(join(dirname(CLI), "textconv.sh"))}`;

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});
afterEach(() => sb.cleanup());

const read = (path: string) => readFileSync(path, "utf8");
const config = (repo: string) => read(join(repo, ".git/config"));
const gitConfig = (repo: string, key: string) => sb.git(["config", "--get", key], { cwd: repo, allowFail: true }).stdout.trim();
const state = (repo: string) => ({ config: config(repo), hooks: snapshotTree(join(repo, ".git/hooks")), tree: snapshotTree(repo) });

describe("backpack setup", () => {
  it("writes absolute quoted commands, is idempotent, and --uninstall removes exactly what it added", () => {
    const repo = sb.repo();
    writeFileSync(join(repo, ".gitattributes"), "*.png binary\n");
    sb.git(["config", "core.autocrlf", "false"], { cwd: repo });
    const before = state(repo);

    const first = sb.backpack(["setup"], { cwd: repo });
    expect(first.status, first.stderr).toBe(0);
    expect(gitConfig(repo, "filter.backpack.process")).toBe(`${BASE} git filter-process`);
    expect(gitConfig(repo, "filter.backpack.clean")).toBe(`${BASE} git clean %f`);
    expect(gitConfig(repo, "filter.backpack.smudge")).toBe(`${BASE} git smudge %f`);
    expect(gitConfig(repo, "filter.backpack.required")).toBe("true");
    expect(gitConfig(repo, "diff.backpack.textconv")).toBe(TEXTCONV);
    expect(gitConfig(repo, "diff.backpack.xfuncname")).toBe('^  "([^"]+)":');
    expect(gitConfig(repo, "diff.backpack.wordRegex")).toBe('\\\\.|[^][[:space:]"\\\\{}(),.;:!?]+|[^[:space:]]');
    expect(gitConfig(repo, "diff.backpack.cachetextconv")).toBe("");
    expect(gitConfig(repo, "merge.backpack.driver")).toBe(`${BASE} git merge %O %A %B %L %P`);
    expect(gitConfig(repo, "backpack.key")).toMatch(/^[0-9a-f]{16}$/);
    expect(read(join(repo, ".gitattributes"))).toBe("*.png binary\nagent.lock filter=backpack diff=backpack merge=backpack\n");
    expect(statSync(join(repo, ".git/hooks/pre-commit")).mode & 0o111).not.toBe(0);
    expect(first.stdout).toMatch(new RegExp(`\\+ key [0-9a-f]{16}: created, kept in the ${STORE_NAME} store`));

    const after = state(repo);
    const second = sb.backpack(["setup"], { cwd: repo });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Nothing changed: already set up\./);
    expect(state(repo)).toEqual(after);

    const off = sb.backpack(["setup", "--uninstall"], { cwd: repo });
    expect(off.status, off.stderr).toBe(0);
    expect(state(repo)).toEqual(before);
  });

  it("--uninstall locks committed files first, so nothing decrypted is left to commit", () => {
    const repo = sb.repo();
    expect(sb.backpack(["setup", "--no-hook"], { cwd: repo }).status).toBe(0);
    const file = agentFile("u");
    writeFileSync(join(repo, "agent.lock"), file.text);
    sb.git(["add", "-A"], { cwd: repo });
    sb.git(["commit", "-qm", "agent"], { cwd: repo });
    const off = sb.backpack(["setup", "--uninstall"], { cwd: repo });
    expect(off.status, off.stderr).toBe(0);
    expect(off.stdout).toMatch(/locked 1 agent\.lock file\(s\) first/);
    expect(read(join(repo, "agent.lock"))).toBe(sb.git(["cat-file", "-p", "HEAD:agent.lock"], { cwd: repo }).stdout);
    // Only the committed .gitattributes line is gone (setup added it here): commit that to unwire.
    expect(sb.git(["status", "--porcelain"], { cwd: repo }).stdout).toBe(" D .gitattributes\n");
    assertNoPlaintextInObjects(sb, repo, file.secrets);
  });

  it("leaves a value it did not write alone, naming the key, unless --force", async () => {
    const repo = sb.repo();
    sb.git(["config", "filter.backpack.clean", "my-own-filter"], { cwd: repo });
    // A value from an earlier backpack install elsewhere is upgraded without --force.
    sb.git(["config", "filter.backpack.process", "'/old/node' '/old/backpack/bin/backpack.js' git filter-process"], { cwd: repo });
    const before = state(repo);
    const r = sb.backpack(["setup"], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^backpack: git config filter\.backpack\.clean is already set to something backpack did not write\nhint: .*--force/);
    expect(state(repo)).toEqual(before);
    // No key was made either.
    expect(await sandboxStore(sb).list()).toEqual([]);
    const forced = sb.backpack(["setup", "--force"], { cwd: repo });
    expect(forced.status, forced.stderr).toBe(0);
    expect(gitConfig(repo, "filter.backpack.clean")).toBe(`${BASE} git clean %f`);
    expect(gitConfig(repo, "filter.backpack.process")).toBe(`${BASE} git filter-process`);
  });

  it("works whatever PATH git runs the filters with", () => {
    const repo = sb.repo();
    expect(sb.backpack(["setup", "--no-hook"], { cwd: repo }).status).toBe(0);
    const file = agentFile("path");
    writeFileSync(join(repo, "agent.lock"), file.text);
    const gitBin = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
    const bare = { ...sb.env, PATH: "/nonexistent" };
    for (const args of [["add", "agent.lock"], ["commit", "-qm", "no PATH"]]) {
      const r = spawnSync(gitBin, args, { cwd: repo, env: bare, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
    }
    expect(sb.git(["cat-file", "-p", "HEAD:agent.lock"], { cwd: repo }).stdout).toMatch(/^\{\n {2}"backpack": "agent\.lock"/);
    assertNoPlaintextInObjects(sb, repo, file.secrets);
  });

  it("starts node for git without NODE_EXTRA_CA_CERTS (filters, textconv, hook)", () => {
    // Node warns at start when that file is missing: the warning shows which processes loaded it.
    const env = { NODE_EXTRA_CA_CERTS: join(sb.root, "no-such-certs.pem") };
    const control = spawnSync(process.execPath, ["-e", "0"], { env: { ...sb.env, ...env }, encoding: "utf8" });
    expect(control.stderr).toMatch(/extra certs/);
    const repo = sb.repo();
    expect(sb.backpack(["setup"], { cwd: repo }).status).toBe(0);
    const file = agentFile("certs");
    writeFileSync(join(repo, "agent.lock"), file.text);
    const git = (...args: string[]) => sb.git(args, { cwd: repo, env });
    const runs = [git("add", "agent.lock"), git("commit", "-qm", "agent")]; // clean, and the pre-commit hook
    rmSync(join(repo, "agent.lock"));
    runs.push(git("checkout", "-q", "--", "agent.lock"), git("show", "HEAD")); // smudge, textconv
    for (const r of runs) expect(r.stderr).not.toMatch(/extra certs/);
    expect(readFileSync(join(repo, "agent.lock"), "utf8")).toBe(file.text);
    expect(runs[3]?.stdout).toMatch(/^\+ {2}"personality": \{$/m);
    assertNoPlaintextInObjects(sb, repo, file.secrets);
  });

  it("offers a plain diff mode (textconv = cat) and keeps the chosen mode", () => {
    const repo = sb.repo();
    expect(sb.backpack(["setup", "--no-hook", "--diff", "plain"], { cwd: repo }).status).toBe(0);
    expect(gitConfig(repo, "diff.backpack.textconv")).toBe("cat");
    const file = agentFile("plain");
    writeFileSync(join(repo, "agent.lock"), file.text);
    sb.git(["add", "-A"], { cwd: repo });
    sb.git(["commit", "-qm", "agent"], { cwd: repo });
    const doc = JSON.parse(file.text) as { personality: { tone: string } };
    doc.personality.tone = "cheerful";
    writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
    const diff = sb.git(["diff"], { cwd: repo }).stdout;
    expect(diff).toMatch(/^-\s+"tone": "dry"$/m);
    expect(diff).toMatch(/^\+\s+"tone": "cheerful"$/m);
    expect(sb.backpack(["setup", "--no-hook"], { cwd: repo }).stdout).toMatch(/Nothing changed/);
    expect(sb.backpack(["setup", "--no-hook", "--diff", "layers"], { cwd: repo }).status).toBe(0);
    expect(gitConfig(repo, "diff.backpack.textconv")).toBe(TEXTCONV);
    assertNoPlaintextInObjects(sb, repo, file.secrets);
  });

  it("removes cachetextconv, and lock deletes the plaintext notes ref", () => {
    const repo = sb.repo();
    sb.git(["config", "diff.backpack.cachetextconv", "true"], { cwd: repo });
    const r = sb.backpack(["setup", "--no-hook"], { cwd: repo });
    expect(r.stdout).toMatch(/removed diff\.backpack\.cachetextconv/);
    expect(gitConfig(repo, "diff.backpack.cachetextconv")).toBe("");
    writeFileSync(join(repo, "f"), "x\n");
    sb.git(["add", "f"], { cwd: repo });
    sb.git(["commit", "-qm", "f"], { cwd: repo });
    sb.git(["notes", "--ref=textconv/backpack", "add", "-m", "cached text", "HEAD"], { cwd: repo });
    const lock = sb.backpack(["lock"], { cwd: repo });
    expect(lock.stdout).toMatch(/deleted refs\/notes\/textconv\/backpack/);
    expect(sb.git(["show-ref", "--verify", "--quiet", "refs/notes/textconv/backpack"], { cwd: repo, allowFail: true }).status).toBe(1);
  });

  it("records a passphrase's KDF with a new salt per repository, and a clone finds the key from the headers", () => {
    const env = { AGENT_MASTER_KEY: "correct horse battery staple" };
    const a = sb.repo("a");
    const b = sb.repo("b");
    for (const repo of [a, b]) expect(sb.backpack(["setup", "--no-hook"], { cwd: repo, env }).status).toBe(0);
    const kdfA = gitConfig(a, "backpack.kdf");
    expect(kdfA).toMatch(/^scrypt:15:8:1:[A-Za-z0-9_-]{22}$/);
    expect(gitConfig(b, "backpack.kdf")).not.toBe(kdfA);
    const file = agentFile("pass");
    writeFileSync(join(a, "agent.lock"), file.text);
    sb.git(["add", "-A"], { cwd: a, env });
    sb.git(["commit", "-qm", "agent"], { cwd: a, env });
    expect(sb.git(["cat-file", "-p", "HEAD:agent.lock"], { cwd: a }).stdout).toContain('"kdf": {"name":"scrypt"');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(a, "agent.lock"), later, later);
    expect(sb.git(["status", "--porcelain"], { cwd: a, env }).stdout).toBe("");

    const clone = join(sb.root, "clone");
    sb.git(["clone", "-q", a, clone]);
    const setup = sb.backpack(["setup", "--no-hook"], { cwd: clone, env });
    expect(setup.stdout).toMatch(/unlocked 1 agent\.lock/);
    expect(gitConfig(clone, "backpack.kdf")).toBe(kdfA);
    expect(sb.git(["status", "--porcelain"], { cwd: clone, env }).stdout).toBe("");
    assertNoPlaintextInObjects(sb, clone, file.secrets);
  });
});

describe("the pre-commit hook", () => {
  /** What `backpack git pre-commit` decides for what is staged now (the hook must agree). */
  const verdict = (repo: string) => sb.backpack(["git", "pre-commit"], { cwd: repo }).status;

  it("chains an existing hook (run first) and puts it back on --uninstall", () => {
    const repo = sb.repo();
    const hook = join(repo, ".git/hooks/pre-commit");
    const original = '#!/bin/sh\necho "original hook ran" > "$(git rev-parse --git-dir)/original-ran"\n';
    writeFileSync(hook, original);
    chmodSync(hook, 0o755);
    const setup = sb.backpack(["setup"], { cwd: repo });
    expect(setup.stdout).toMatch(/existing hook was kept as pre-commit\.pre-backpack and runs first/);
    expect(read(`${hook}.pre-backpack`)).toBe(original);
    writeFileSync(join(repo, "notes.txt"), "hello\n");
    sb.git(["add", "notes.txt"], { cwd: repo });
    const expected = verdict(repo);
    const commit = sb.git(["commit", "-qm", "notes"], { cwd: repo, allowFail: true });
    expect(existsSync(join(repo, ".git/original-ran"))).toBe(true);
    expect(commit.status === 0).toBe(expected === 0);
    expect(sb.backpack(["setup", "--uninstall"], { cwd: repo }).status).toBe(0);
    expect(read(hook)).toBe(original);
    expect(statSync(hook).mode & 0o777).toBe(0o755);
    expect(existsSync(`${hook}.pre-backpack`)).toBe(false);
  });

  it("goes where core.hooksPath points", () => {
    const repo = sb.repo();
    sb.git(["config", "core.hooksPath", ".githooks"], { cwd: repo });
    expect(sb.backpack(["setup"], { cwd: repo }).status).toBe(0);
    expect(read(join(repo, ".githooks/pre-commit"))).toContain("backpack-agent pre-commit");
    expect(existsSync(join(repo, ".git/hooks/pre-commit"))).toBe(false);
    expect(sb.backpack(["setup", "--uninstall"], { cwd: repo }).status).toBe(0);
    expect(existsSync(join(repo, ".githooks/pre-commit"))).toBe(false);
  });

  it("is added to a husky hook, and removed from it exactly", () => {
    const repo = sb.repo();
    mkdirSync(join(repo, ".husky/_"), { recursive: true });
    writeFileSync(join(repo, ".husky/pre-commit"), "npm test\n");
    sb.git(["config", "core.hooksPath", ".husky/_"], { cwd: repo });
    const setup = sb.backpack(["setup"], { cwd: repo });
    expect(setup.stdout).toMatch(/pre-commit hook: added to the existing husky hook/);
    const hook = read(join(repo, ".husky/pre-commit"));
    expect(hook.startsWith("npm test\n\n# >>> backpack-agent pre-commit >>>")).toBe(true);
    expect(hook).not.toContain(process.execPath); // committed with the repository: no machine paths
    expect(sb.backpack(["setup", "--uninstall"], { cwd: repo }).status).toBe(0);
    expect(read(join(repo, ".husky/pre-commit"))).toBe("npm test\n");
  });

  it("fails closed when backpack is missing or not set up, and honours BACKPACK_SKIP_HOOKS=1", () => {
    const repo = sb.repo();
    expect(sb.backpack(["setup"], { cwd: repo }).status).toBe(0);
    writeFileSync(join(repo, "notes.txt"), "hello\n");
    sb.git(["add", "notes.txt"], { cwd: repo });
    sb.git(["config", "backpack.command", "'/nonexistent/node' '/nonexistent/bin/backpack.js'"], { cwd: repo });
    const blocked = sb.git(["commit", "-qm", "notes"], { cwd: repo, allowFail: true });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(/backpack: the pre-commit hook cannot run backpack: .*\nhint: run `backpack setup` again.*--uninstall/);
    sb.git(["config", "--unset", "backpack.command"], { cwd: repo });
    const notSetUp = sb.git(["commit", "-qm", "notes"], { cwd: repo, allowFail: true });
    expect(notSetUp.status).not.toBe(0);
    expect(notSetUp.stderr).toMatch(/not set up in this clone\nhint: run `backpack setup` \(or `npx backpack-agent setup`/);
    const skipped = sb.git(["commit", "-qm", "notes"], { cwd: repo, env: { BACKPACK_SKIP_HOOKS: "1" } });
    expect(skipped.stderr).toMatch(/pre-commit checks skipped \(BACKPACK_SKIP_HOOKS=1\)/);
    expect(sb.git(["log", "--oneline"], { cwd: repo }).stdout).toMatch(/notes/);
  });
});
