/**
 * A repository is untrusted input, and output cannot be turned against the
 * terminal (issue 11, sections 5 and 6), through the built CLI and real git:
 * special files and unbounded reads, settings a repository may set only
 * once trusted, credential names that change how programs start, hostile
 * text on its way to a terminal, control bytes in values, deep nesting and
 * filter protocol errors.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handWiredRepo } from "../helpers/hand-wired.js";
import { backpackGuarded, mkfifo, workingForm } from "../helpers/probes.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets, fakeSecret, sha256 } from "../helpers/secrets.js";


/** Characters that steer a terminal: none may reach it raw. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = "x\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202egnp.exe";

function expectNoRawControls(text: string, what: string): void {
  const found = RAW_CONTROLS.exec(text);
  expect(found, `${what} holds U+${found?.[0].charCodeAt(0).toString(16).padStart(4, "0")} raw`).toBeNull();
}

describe("special files and bounded reads", () => {
  let sb: Sandbox;
  beforeEach(() => (sb = makeSandbox()));
  afterEach(() => sb.cleanup());

  it("refuses an agent.lock that is a symlink to /dev/zero, unread, outside and inside a repository", () => {
    symlinkSync("/dev/zero", join(sb.root, "agent.lock"));
    for (const command of ["show", "info"]) {
      const r = backpackGuarded(sb, [command], sb.root);
      expect(r.status, r.stderr).toBe(4);
      expect(r.stderr).toMatch(/agent\.lock is a character device; refused without reading it/);
    }
    const repo = sb.repo();
    symlinkSync("/dev/zero", join(repo, "agent.lock"));
    const r = backpackGuarded(sb, ["show"], repo);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/symbolic link out of the repository; refused without reading it/);
  });

  it("refuses a FIFO agent.lock without blocking, and a symlink out of the repository, but follows one inside it", () => {
    const repo = sb.repo();
    mkfifo(join(repo, "agent.lock"));
    const fifo = backpackGuarded(sb, ["show"], repo);
    expect(fifo.status, fifo.stderr).toBe(4);
    expect(fifo.stderr).toMatch(/FIFO/);

    writeFileSync(join(sb.root, "elsewhere.json"), workingForm());
    mkdirSync(join(repo, "a"));
    symlinkSync(join(sb.root, "elsewhere.json"), join(repo, "a", "agent.lock"));
    const out = backpackGuarded(sb, ["show", "a/agent.lock"], repo);
    expect(out.status).toBe(4);
    expect(out.stderr).toMatch(/out of the repository/);

    writeFileSync(join(repo, "real.json"), workingForm({ memory: { kept: "yes" } }));
    mkdirSync(join(repo, "b"));
    symlinkSync("../real.json", join(repo, "b", "agent.lock"));
    const inside = backpackGuarded(sb, ["show", "b/agent.lock"], repo);
    expect(inside.status, inside.stderr).toBe(0);
    expect(inside.stdout).toMatch(/kept: "yes"/);
  });

  it("refuses a file over its limit before reading it, naming the file and the limit", () => {
    const big = join(sb.root, "agent.lock");
    writeFileSync(big, "");
    truncateSync(big, 65 * 1024 * 1024); // sparse: no 65 MB written
    const r = backpackGuarded(sb, ["show"], sb.root);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/agent\.lock is larger than 64 MiB, the most backpack reads for it/);
  });

  it("bounds .env files and bundles: /dev/zero and a FIFO are refused", () => {
    symlinkSync("/dev/zero", join(sb.root, ".env"));
    const env = backpackGuarded(sb, ["env", "import", ".env"], sb.root);
    expect(env.status, env.stderr).toBe(4);
    expect(env.stderr).toMatch(/\.env is a character device/);

    mkfifo(join(sb.root, "agent.bundle"));
    const bundle = backpackGuarded(sb, ["import", "agent.bundle", "--dir", "out"], sb.root, { BUNDLE_PASS: "correct horse battery staple" });
    expect(bundle.status, bundle.stderr).toBe(4);
    expect(bundle.stderr).toMatch(/agent\.bundle is a FIFO/);
  });

  it("scans a working tree holding a FIFO and a symlink to /dev/zero without hanging", () => {
    const repo = sb.repo();
    mkfifo(join(repo, "pipe"));
    symlinkSync("/dev/zero", join(repo, "zero"));
    writeFileSync(join(repo, "notes.txt"), "nothing secret\n");
    const r = backpackGuarded(sb, ["scan"], repo);
    expect(r.status, r.stderr).toBe(0);
  });
});

describe("text from data reaches the terminal escaped", () => {
  let sb: Sandbox;
  beforeEach(() => (sb = makeSandbox()));
  afterEach(() => sb.cleanup());

  it("show, info, and errors naming a path escape controls, escape sequences and bidi overrides", () => {
    writeFileSync(join(sb.root, "agent.lock"), workingForm({ agent: { name: HOSTILE }, memory: { [HOSTILE]: HOSTILE } }));
    for (const args of [["show"], ["info"], ["show", "--json"]]) {
      const r = sb.backpack(args, { cwd: sb.root });
      expect(r.status, r.stderr).toBe(0);
      expectNoRawControls(r.stdout + r.stderr, `backpack ${args.join(" ")}`);
      expect(r.stdout).toContain("\\u001b]0;pwned\\u0007");
      expect(r.stdout).toContain("\\u202e");
    }
    const missing = sb.backpack(["show", `missing${HOSTILE}.lock`], { cwd: sb.root });
    expect(missing.status).toBe(3);
    expectNoRawControls(missing.stderr, "the error");
    expect(missing.stderr).toContain("\\u001b[2J");
  });

  it("schema errors quote no raw control from the file", () => {
    writeFileSync(join(sb.root, "agent.lock"), workingForm({ [HOSTILE]: 1 }));
    const r = sb.backpack(["show"], { cwd: sb.root });
    expect(r.status).toBe(4);
    expectNoRawControls(r.stderr, "the schema error");
  });

  it("git diff (textconv) and backpack diff of a hostile memory value print it escaped", () => {
    const repo = handWiredRepo(sb);
    writeFileSync(join(repo.dir, "agent.lock"), workingForm({ memory: { note: "calm" } }));
    repo.git(["add", "."]);
    repo.git(["commit", "-qm", "calm"]);
    writeFileSync(join(repo.dir, "agent.lock"), workingForm({ memory: { note: HOSTILE, [HOSTILE]: true } }));
    const diff = repo.git(["diff"]);
    expect(diff.stdout).toMatch(/note/);
    expectNoRawControls(diff.stdout, "git diff");
    expect(diff.stdout).toContain("\\u001b]0;pwned");
    repo.git(["commit", "-qam", "hostile"]);
    const log = repo.git(["log", "-p"]);
    expectNoRawControls(log.stdout, "git log -p");
    const ours = sb.backpack(["diff", "HEAD~1", "HEAD"], { cwd: repo.dir, env: repo.keyEnv });
    expect(ours.status, ours.stderr).toBe(0);
    expectNoRawControls(ours.stdout + ours.stderr, "backpack diff");
  });

  it("scan findings and status name hostile paths escaped", () => {
    const repo = sb.repo();
    // A hostile folder: the file itself keeps a name the .env policy recognises.
    mkdirSync(join(repo, `d${HOSTILE}`));
    writeFileSync(join(repo, `d${HOSTILE}`, "conf.env"), `OPENAI_API_KEY=${fakeSecret("sk-proj")}\n`);
    const r = sb.backpack(["scan"], { cwd: repo });
    expect(r.status).toBe(7);
    expectNoRawControls(r.stdout + r.stderr, "backpack scan");
    expect(r.stdout + r.stderr).toContain("\\u202e");
  });
});

describe("credential values and errors that could carry them", () => {
  let sb: Sandbox;
  beforeEach(() => (sb = makeSandbox()));
  afterEach(() => sb.cleanup());

  it("refuses a NUL in a value at key add, in a hand edit (run, --debug) and in the clean filter, never printing it", () => {
    const secret = fakeSecret("sk-nul");
    const add = sb.backpack(["key", "add", "API_TOKEN"], { input: `${secret}\u0000tail` });
    expect(add.status).toBe(2);
    expect(add.stderr).toMatch(/control character \(U\+0000/);

    writeFileSync(join(sb.root, "agent.lock"), workingForm({ credentials: { API_TOKEN: { source: "embedded", value: `${secret}\u0000tail` } } }));
    const run = sb.backpack(["--debug", "run", "--non-interactive", "--", process.execPath, "-e", "0"], { cwd: sb.root });
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(/credential values cannot hold control characters/);
    assertNoSecrets([run.stdout, run.stderr, add.stdout, add.stderr], [secret]);

    const repo = handWiredRepo(sb);
    writeFileSync(join(repo.dir, "agent.lock"), workingForm({ credentials: { API_TOKEN: { source: "embedded", value: `${secret}\u001b[2J` } } }));
    const staged = repo.git(["add", "agent.lock"], { allowFail: true });
    expect(staged.status).not.toBe(0);
    assertNoSecrets([staged.stdout, staged.stderr, sb.git(["cat-file", "--batch-all-objects", "--batch"], { cwd: repo.dir }).stdout], [secret]);
  });

  it("deep nesting is a typed error with a hint, in show, in the clean filter and in textconv", () => {
    let deep = "1";
    for (let i = 0; i < 5000; i++) deep = `{"a":${deep}}`;
    const text = `{"version":2,"credentials":{},"personality":{},"memory":{"x":${deep}}}`;
    writeFileSync(join(sb.root, "agent.lock"), text);
    const show = sb.backpack(["show"], { cwd: sb.root });
    expect(show.status).toBe(4);
    expect(show.stderr).toMatch(/nests deeper than 256 levels/);
    expect(show.stderr).toMatch(/hint: /);
    expect(show.stderr).not.toMatch(/internal error/);

    const repo = handWiredRepo(sb);
    writeFileSync(join(repo.dir, "agent.lock"), text);
    const add = repo.git(["add", "agent.lock"], { allowFail: true });
    expect(add.status).not.toBe(0);
    expect(add.stderr).toMatch(/nests deeper than 256 levels/);
    const textconv = sb.backpack(["git", "textconv", "agent.lock"], { cwd: repo.dir });
    expect(textconv.status, textconv.stderr).toBe(0);
    expect(textconv.stdout).toMatch(/nests deeper than 256 levels/);
  });

  it("a broken filter protocol stream is a typed error (GIT, exit 8) with a hint", () => {
    const r = sb.backpack(["git", "filter-process"], { input: "not pkt-line at all" });
    expect(r.status).toBe(8);
    expect(r.stderr).toMatch(/filter protocol error/);
    expect(r.stderr).toMatch(/hint: /);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});

describe("backpack run: names that change how programs start, and the master key", () => {
  let sb: Sandbox;
  const PRINT_ENV = ["run", "--non-interactive", "--", process.execPath, "-e", "process.stdout.write(JSON.stringify(process.env))"];
  beforeEach(() => (sb = makeSandbox()));
  afterEach(() => sb.cleanup());

  it("refuses an embedded NODE_OPTIONS (the child never starts), and injects it once the user's own config allows it", () => {
    const marker = join(sb.root, "pwned");
    writeFileSync(join(sb.root, "evil.cjs"), `require("fs").writeFileSync(${JSON.stringify(marker)}, "x");`);
    writeFileSync(join(sb.root, "agent.lock"), workingForm({ credentials: { NODE_OPTIONS: { source: "embedded", value: `--require ${join(sb.root, "evil.cjs")}` } } }));
    const refused = sb.backpack(PRINT_ENV, { cwd: sb.root });
    expect(refused.status, refused.stderr).toBe(4);
    expect(refused.stderr).toMatch(/NODE_OPTIONS \(Node\.js reads it at start-up/);
    expect(refused.stderr).toMatch(/run\.allow_env/);
    expect(existsSync(marker)).toBe(false);

    // A repository's backpack.toml cannot allow it: the file is refused, and cannot be trusted.
    const repo = sb.repo();
    writeFileSync(join(repo, "agent.lock"), readFileSync(join(sb.root, "agent.lock")));
    writeFileSync(join(repo, "backpack.toml"), 'run = { allow_env = ["NODE_OPTIONS"] }\n');
    const trust = sb.backpack(["trust"], { cwd: repo });
    expect(trust.status).toBe(4);
    expect(trust.stderr).toMatch(/run\.allow_env: can be set only in your user config/);
    const fromRepo = sb.backpack(PRINT_ENV, { cwd: repo });
    expect(fromRepo.status).toBe(4);
    expect(existsSync(marker)).toBe(false);

    writeFileSync(join(sb.root, "agent.lock"), workingForm({ credentials: { NODE_OPTIONS: { source: "embedded", value: "--no-warnings" } } }));
    expect(sb.backpack(["config", "set", "--user", "run.allow_env", "NODE_OPTIONS"], { cwd: sb.root }).status).toBe(0);
    const allowed = sb.backpack(PRINT_ENV, { cwd: sb.root });
    expect(allowed.status, allowed.stderr).toBe(0);
    expect((JSON.parse(allowed.stdout) as Record<string, string>).NODE_OPTIONS).toBe("--no-warnings");
  });

  it("refuses LD_PRELOAD, GIT_SSH_COMMAND, BASH_ENV and PYTHONSTARTUP, and warns at init and key add", () => {
    // (PATH itself is in every environment, so the user's own value wins and nothing is injected.)
    for (const name of ["LD_PRELOAD", "GIT_SSH_COMMAND", "BASH_ENV", "PYTHONSTARTUP"]) {
      writeFileSync(join(sb.root, "agent.lock"), workingForm({ credentials: { [name]: { source: "embedded", value: "x" } } }));
      const r = sb.backpack(PRINT_ENV, { cwd: sb.root });
      expect(r.status, `${name}: ${r.stderr}`).toBe(4);
      expect(r.stderr).toContain(name);
    }
    const init = sb.backpack(["init", "--credentials", "LD_PRELOAD,OPENAI_API_KEY", "--name", "a"], { cwd: sb.machine("m").root });
    expect(init.stderr).toMatch(/warning: LD_PRELOAD: the dynamic loader reads it/);
    const add = sb.backpack(["key", "add", "NODE_OPTIONS"], { input: "--no-warnings" });
    expect(add.stderr).toMatch(/warning: NODE_OPTIONS: Node\.js reads it/);
  });

  it("withholds AGENT_MASTER_KEY from the child unless --pass-master-key", () => {
    writeFileSync(join(sb.root, "agent.lock"), workingForm());
    const key = `BACKPACK-KEY-1:${"A".repeat(43)}`;
    const withheld = sb.backpack(PRINT_ENV, { cwd: sb.root, env: { AGENT_MASTER_KEY: key } });
    expect(withheld.status, withheld.stderr).toBe(0);
    expect(JSON.parse(withheld.stdout)).not.toHaveProperty("AGENT_MASTER_KEY");
    const passed = sb.backpack([...PRINT_ENV.slice(0, 1), "--pass-master-key", ...PRINT_ENV.slice(1)], { cwd: sb.root, env: { AGENT_MASTER_KEY: key } });
    expect(passed.status, passed.stderr).toBe(0);
    expect(sha256((JSON.parse(passed.stdout) as Record<string, string>).AGENT_MASTER_KEY ?? "")).toBe(sha256(key));
  });
});

describe("backpack trust: restricted settings from a repository", () => {
  let sb: Sandbox;
  beforeEach(() => (sb = makeSandbox()));
  afterEach(() => sb.cleanup());

  it("ignores log_file and audit_log from an untrusted backpack.toml, applies them once trusted, and again not after a change", () => {
    const repo = sb.repo();
    const target = join(sb.home, ".bashrc");
    writeFileSync(join(repo, "agent.lock"), workingForm());
    writeFileSync(join(repo, "backpack.toml"), `log_file = ${JSON.stringify(target)}\naudit_log = ${JSON.stringify(target)}\n`);
    const untrusted = sb.backpack(["--verbose", "memory", "set", "a", "1"], { cwd: repo });
    expect(untrusted.status, untrusted.stderr).toBe(0);
    expect(untrusted.stderr).toMatch(/sets log_file, audit_log, which a repository may set only once you trust it: ignored/);
    expect(untrusted.stderr).toMatch(/backpack trust/);
    expect(existsSync(target)).toBe(false);

    const trust = sb.backpack(["trust"], { cwd: repo });
    expect(trust.status, trust.stderr).toBe(0);
    expect(trust.stdout).toMatch(/log_file = /);
    expect(sb.backpack(["--verbose", "memory", "set", "a", "2"], { cwd: repo }).status).toBe(0);
    expect(readFileSync(target, "utf8")).toMatch(/"event":"agent_lock.write"/);

    writeFileSync(join(repo, "backpack.toml"), `log_file = ${JSON.stringify(join(sb.home, ".profile"))}\n`);
    const changed = sb.backpack(["--verbose", "memory", "set", "a", "3"], { cwd: repo });
    expect(changed.stderr).toMatch(/sets log_file, which a repository may set only once you trust it/);
    expect(existsSync(join(sb.home, ".profile"))).toBe(false);
    expect(sb.backpack(["trust", "--list"], { cwd: repo }).stdout).toMatch(/changed since/);

    expect(sb.backpack(["trust"], { cwd: repo }).status).toBe(0);
    expect(sb.backpack(["trust", "--revoke"], { cwd: repo }).stdout).toMatch(/no longer trusting/);
    sb.backpack(["--verbose", "memory", "set", "a", "4"], { cwd: repo });
    expect(existsSync(join(sb.home, ".profile"))).toBe(false);
  });

  it("keeps credential values redacted in git diff when an untrusted backpack.toml turns show_secrets on", () => {
    const repo = handWiredRepo(sb);
    const secret = fakeSecret("sk-shown");
    writeFileSync(join(repo.dir, "backpack.toml"), "[textconv]\nshow_secrets = true\n");
    writeFileSync(join(repo.dir, "agent.lock"), workingForm({ credentials: { API_TOKEN: { source: "embedded", value: "old-value-1" } } }));
    repo.git(["add", "."]);
    repo.git(["commit", "-qm", "one"]);
    writeFileSync(join(repo.dir, "agent.lock"), workingForm({ credentials: { API_TOKEN: { source: "embedded", value: secret } } }));
    const diff = repo.git(["diff"]);
    expect(diff.stdout).toMatch(/API_TOKEN/);
    assertNoSecrets([diff.stdout, diff.stderr], [secret]);
    expect(sb.backpack(["trust"], { cwd: repo.dir }).status).toBe(0);
    expect(repo.git(["diff"]).stdout).toContain(secret);
  });
});
