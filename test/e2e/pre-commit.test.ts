// Keychain pass (.ci/run): the hook reads the vault's values from the key store to find them in staged files.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expandFake } from "../helpers/fake-secrets.mjs";
import { runListingBuiltins } from "../helpers/load-guards.js";
import { type RunResult, type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets } from "../helpers/secrets.js";

// The pre-commit hook end to end: `backpack setup` wires a repository (filters,
// .gitattributes, the hook), and real `git commit`s run the built CLI through
// the hook script it installed.

const GITHUB = expandFake("ghp_«A36»", "e2e-github");
const OPENAI = expandFake("sk-proj-«u74»T3BlbkFJ«u74»", "e2e-openai");
const EMBEDDED = expandFake("«A16»_«A16»", "e2e-embedded");
const VAULT = expandFake("«a10»+«A14»", "e2e-vault");
const MASTER = expandFake("correct «l6» horse «l6» battery", "e2e-master");
const SECRETS = [GITHUB, OPENAI, EMBEDDED, VAULT, MASTER];

/** Fails naming the secret by index (never by value) if any output holds any secret. */
function expectNoSecret(...results: RunResult[]): void {
  for (const r of results) {
    const out = `${r.stdout}\n${r.stderr}`;
    SECRETS.forEach((secret, i) => {
      if (out.includes(secret) || out.includes(secret.slice(4, 16))) throw new Error(`output holds secret #${i}`);
    });
  }
}

/**
 * A test that puts nothing in the key store it reads back (no vault value, no committed agent.lock): the
 * hook's and the scanner's lookup in the store finds nothing, with the keychain as with the file store, so
 * CI's keychain pass leaves it out (vitest.config.ts). That pass runs the tests that store a value or a key
 * and check the hook finds it.
 */
const STORE_FREE = { tags: ["fresh-pass-only"] };

describe("the pre-commit hook", () => {
  let sb: Sandbox;
  let repo: string;
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  };
  const commit = (...args: string[]) => sb.git(["commit", "-m", "change", ...args], { cwd: repo, allowFail: true });
  const head = () => sb.git(["rev-parse", "-q", "--verify", "HEAD"], { cwd: repo, allowFail: true }).stdout.trim();
  const addAll = () => sb.git(["add", "-A"], { cwd: repo });

  beforeEach(() => {
    sb = makeSandbox();
    repo = sb.wiredRepo();
    expect(readFileSync(join(repo, ".git/hooks/pre-commit"), "utf8")).toContain("git pre-commit");
    write("README.md", "# app\n");
    addAll();
    expect(commit().status).toBe(0);
  });
  afterEach(() => sb.cleanup());

  it("blocks a commit that adds a token, saying where, which rule, a masked preview and the fix", STORE_FREE, () => {
    const before = head();
    write("src/settings.py", `import os\n\nGITHUB_TOKEN = "${GITHUB}"\n`);
    addAll();
    const r = commit();
    expectNoSecret(r);
    expect(r.status).not.toBe(0);
    expect(head()).toBe(before);
    expect(r.stderr).toContain(`src/settings.py:3:17  github-token  ghp_…(40 chars)`);
    expect(r.stderr).toContain('fix: `backpack key add GITHUB_TOKEN`, then use os.environ["GITHUB_TOKEN"] instead of the value');
    expect(r.stderr.trim().split("\n").at(-1)).toMatch(/^backpack: commit blocked: 1 finding in 1 file/);
  });

  it("exits 7 and can report JSON, run directly", STORE_FREE, () => {
    write("a.ts", `export const key = "${OPENAI}";\n`);
    addAll();
    const human = sb.backpack(["git", "pre-commit"], { cwd: repo });
    const json = sb.backpack(["git", "pre-commit", "--json"], { cwd: repo });
    expectNoSecret(human, json);
    expect(human.status).toBe(7);
    expect(json.status).toBe(7);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.findings).toEqual([expect.objectContaining({ file: "a.ts", line: 1, column: 21, rule: "openai-api-key", name: "KEY", fix: expect.stringContaining("process.env.KEY") })]);
    expect(parsed.summary).toMatchObject({ findings: 1, files: 1 });
  });

  it("starts without node:crypto on a clean commit with no vault, and loads it to fingerprint a finding", STORE_FREE, () => {
    // node:crypto is about 5 ms of every commit's start: with no vault to read (CI), only a finding needs it.
    const noVault = { BACKPACK_KEYCHAIN: "off", XDG_CONFIG_HOME: join(sb.root, "no-vault") };
    mkdirSync(noVault.XDG_CONFIG_HOME);
    write("src/app.py", "print('hello')\n");
    addAll();
    const clean = runListingBuiltins(sb, ["git", "pre-commit"], { cwd: repo, env: noVault });
    expect(clean.result.status, clean.result.stderr).toBe(0);
    expect(clean.builtins.has("child_process")).toBe(true);
    expect(clean.builtins.has("crypto")).toBe(false);
    write("src/config.py", `TOKEN = "${GITHUB}"\n`);
    addAll();
    const finding = runListingBuiltins(sb, ["git", "pre-commit"], { cwd: repo, env: noVault });
    expect(finding.result.status).toBe(7);
    expect(finding.builtins.has("crypto")).toBe(true);
    expectNoSecret({ status: 0, stdout: finding.result.stdout, stderr: finding.result.stderr });
  });

  it("run by hand (or by an older hook), reads freshly staged files without a cat-file (they are loose objects), and packed old versions with one", STORE_FREE, () => {
    const trace = join(sb.root, "git-trace");
    const gitRun = () =>
      readFileSync(trace, "utf8")
        .split("\n")
        .filter((l) => l.includes("trace: built-in: git "))
        .map((l) => l.replace(/^.*trace: built-in: git (\S+).*$/, "$1"));
    const check = () => sb.backpack(["git", "pre-commit"], { cwd: repo, env: { GIT_TRACE: trace, GIT_INDEX_FILE: ".git/index" } });
    write("src/app.py", "print('hello')\n");
    addAll();
    writeFileSync(trace, "");
    expect(check().status).toBe(0);
    expect(gitRun()).toEqual(["ls-files", "diff"]);
    expect(commit().status).toBe(0);
    // HEAD's version packed: the old side needs cat-file, and only what the change adds still counts.
    sb.git(["gc", "-q"], { cwd: repo });
    write("src/app.py", `print('hello')\nTOKEN = "${GITHUB}"\n`);
    addAll();
    writeFileSync(trace, "");
    const blocked = check();
    expectNoSecret(blocked);
    expect(blocked.status).toBe(7);
    expect(blocked.stderr).toContain("src/app.py:2:");
    expect(gitRun()).toEqual(["ls-files", "diff", "cat-file"]);
    // Through git, the script lists (ls-files, diff) and the check reads the packed old version (cat-file).
    writeFileSync(trace, "");
    const byGit = sb.git(["commit", "-qm", "packed"], { cwd: repo, env: { GIT_TRACE: trace }, allowFail: true });
    expectNoSecret(byGit);
    expect(byGit.status).not.toBe(0);
    expect(byGit.stderr).toContain("src/app.py:2:");
    expect(gitRun()).toEqual(["commit", "config", "ls-files", "diff", "cat-file"]);
  });

  it("run through its hook script, starts no git of its own: the script lists the covered paths and the staged change while node starts", STORE_FREE, () => {
    // What the script pipes in, by the script's own lines.
    const script = readFileSync(join(repo, ".git/hooks/pre-commit"), "utf8");
    const group = script.slice(script.indexOf("\n  {\n") + 1, script.indexOf("  } | NODE_EXTRA_CA_CERTS=")) + "  }\n";
    const lists = () => spawnSync("sh", ["-c", group], { cwd: repo, env: { ...sb.env, GIT_INDEX_FILE: ".git/index" } }).stdout;
    const noVault = { BACKPACK_KEYCHAIN: "off", XDG_CONFIG_HOME: join(sb.root, "no-vault"), GIT_INDEX_FILE: ".git/index" };
    mkdirSync(noVault.XDG_CONFIG_HOME);
    write("src/app.py", "print('hello')\n");
    write("src/util.py", "def util():\n    return 1\n");
    addAll();
    const clean = runListingBuiltins(sb, ["git", "pre-commit", "--stdin"], { cwd: repo, env: noVault, input: lists() });
    expect(clean.result.status, clean.result.stderr).toBe(0);
    expect(clean.builtins.has("child_process")).toBe(false);
    expect(commit().status).toBe(0);
    // A modified file whose old version is packed: the check reads it with a cat-file, and only the added line counts.
    sb.git(["gc", "-q"], { cwd: repo });
    write("src/app.py", `print('hello')\nTOKEN = "${GITHUB}"\n`);
    addAll();
    const finding = runListingBuiltins(sb, ["git", "pre-commit", "--stdin"], { cwd: repo, env: noVault, input: lists() });
    expectNoSecret({ status: 0, stdout: finding.result.stdout, stderr: finding.result.stderr });
    expect(finding.result.status).toBe(7);
    expect(finding.result.stderr).toContain("src/app.py:2:10  github-token");
  });

  it("fails closed when a git in its hook script fails: the commit is blocked, never let through on an empty list", STORE_FREE, () => {
    write("src/config.py", `TOKEN = "${GITHUB}"\n`);
    addAll();
    const realGit = join(sb.git(["--exec-path"]).stdout.trim(), "git");
    const hook = join(repo, ".git/hooks/pre-commit");
    for (const failing of ["ls-files", "diff"]) {
      // A git that prints part of its list, then fails (a damaged index, a full disk).
      const fake = join(sb.root, `fake-${failing}`);
      mkdirSync(fake);
      writeFileSync(join(fake, "git"), `#!/bin/sh\nif [ "$1" = "${failing}" ]; then printf 'agent.lock\\000'; echo "fatal: ${failing} failed" >&2; exit 128; fi\nexec "${realGit}" "$@"\n`, { mode: 0o755 });
      const r = spawnSync(hook, [], { cwd: repo, env: { ...sb.env, PATH: `${fake}:${sb.env.PATH ?? process.env.PATH}`, GIT_INDEX_FILE: ".git/index" }, encoding: "utf8" });
      expectNoSecret({ status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
      expect(r.status, `${failing}: ${r.stderr}`).toBe(8);
      expect(r.stderr).toContain(`fatal: ${failing} failed`);
      expect(r.stderr).toContain("the pre-commit hook could not list the staged change");
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  // The script's NULs (printf '\000'), its `{ ...; } |` group and `|| exit $?` under each sh people have:
  // dash (Debian's sh), bash as sh (macOS's /bin/sh is bash 3.2 in POSIX mode, Git for Windows' sh is bash),
  // `sh -e` (husky runs its hooks so); busybox and zsh where installed.
  const shells: Array<{ name: string; argv: string[]; present: boolean }> = [
    { name: "dash", argv: ["dash"], present: true },
    { name: "dash -e", argv: ["dash", "-e"], present: true },
    { name: "bash --posix", argv: ["bash", "--posix"], present: true },
    { name: "bash -e", argv: ["bash", "-e"], present: true },
    { name: "busybox sh", argv: ["busybox", "sh"], present: spawnSync("busybox", ["true"]).status === 0 },
    { name: "zsh as sh", argv: ["zsh", "--emulate", "sh"], present: spawnSync("zsh", ["-c", "true"]).status === 0 },
  ];
  for (const shell of shells) {
    it.skipIf(!shell.present)(`passes, blocks and fails closed the same run by ${shell.name}`, STORE_FREE, () => {
      const realGit = join(sb.git(["--exec-path"]).stdout.trim(), "git");
      const fake = join(sb.root, "fake");
      mkdirSync(fake);
      writeFileSync(join(fake, "git"), `#!/bin/sh\nif [ "$1" = "diff" ]; then echo "fatal: diff failed" >&2; exit 128; fi\nexec "${realGit}" "$@"\n`, { mode: 0o755 });
      const hook = (path?: string) => {
        const env = { ...sb.env, GIT_INDEX_FILE: ".git/index", ...(path ? { PATH: `${path}:${sb.env.PATH ?? process.env.PATH}` } : {}) };
        const r = spawnSync(shell.argv[0] as string, [...shell.argv.slice(1), join(repo, ".git/hooks/pre-commit")], { cwd: repo, env, encoding: "utf8" });
        return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
      };
      write("src/app.py", 'TOKEN = os.environ["GITHUB_TOKEN"]\n');
      addAll();
      const clean = hook();
      expect(clean.status, clean.stderr).toBe(0);
      write("src/app.py", `TOKEN = "${GITHUB}"\n`);
      addAll();
      const blocked = hook();
      const failed = hook(fake);
      expectNoSecret(blocked, failed);
      expect(blocked.status).toBe(7);
      expect(blocked.stderr).toContain("src/app.py:1:10  github-token");
      expect(failed.status).toBe(8);
      expect(failed.stderr).toContain("the pre-commit hook could not list the staged change");
    });
  }

  // (Its vault is the file store in both passes: BACKPACK_KEYCHAIN=off.)
  it("reads the vault without node:crypto on a clean commit (the key resolver stays unloaded), and still blocks its value", STORE_FREE, () => {
    const vault = { BACKPACK_KEYCHAIN: "off", XDG_CONFIG_HOME: join(sb.root, "vault-config") };
    const added = sb.backpack(["key", "add", "PAYMENT_TOKEN"], { input: VAULT, env: vault });
    expect(added.status, added.stderr).toBe(0);
    write("src/app.py", "print('hello')\n");
    addAll();
    const clean = runListingBuiltins(sb, ["git", "pre-commit"], { cwd: repo, env: vault });
    expect(clean.result.status, clean.result.stderr).toBe(0);
    expect(clean.builtins.has("crypto")).toBe(false);
    write("src/pay.yaml", `token: ${VAULT}\n`);
    addAll();
    const blocked = runListingBuiltins(sb, ["git", "pre-commit"], { cwd: repo, env: vault });
    expectNoSecret({ status: 0, stdout: blocked.result.stdout, stderr: blocked.result.stderr });
    expect(blocked.result.status).toBe(7);
    expect(blocked.result.stderr).toContain("src/pay.yaml:1:8  known-secret");
  });

  it("finds the repository's top from a commit in a subfolder, and from a run with GIT_INDEX_FILE outside git's hook", STORE_FREE, () => {
    write("deep/er/app.py", `TOKEN = "${GITHUB}"\n`);
    addAll();
    const fromSub = sb.git(["commit", "-m", "sub"], { cwd: join(repo, "deep/er"), allowFail: true });
    expectNoSecret(fromSub);
    expect(fromSub.status).not.toBe(0);
    expect(fromSub.stderr).toContain("deep/er/app.py:1:10  github-token");
    // Run by hand in a subfolder with the index named (no .git here): git says where the top is.
    const byHand = sb.backpack(["git", "pre-commit"], { cwd: join(repo, "deep"), env: { GIT_INDEX_FILE: join(repo, ".git", "index") } });
    expectNoSecret(byHand);
    expect(byHand.status).toBe(7);
    expect(byHand.stderr).toContain("deep/er/app.py:1:10  github-token");
  });

  it("checks what git commits with -a and with --only (a temporary index), not what .git/index holds", STORE_FREE, () => {
    write("src/app.py", 'TOKEN = os.environ["GITHUB_TOKEN"]\n');
    write("notes.md", "first\n");
    addAll();
    expect(commit().status).toBe(0);
    const before = head();
    // -a: the secret is only in the working tree; git stages it into the index the hook is given.
    write("src/app.py", `TOKEN = "${GITHUB}"\n`);
    const all = commit("-a");
    expectNoSecret(all);
    expect(all.status).not.toBe(0);
    expect(all.stderr).toContain("src/app.py:1:10  github-token");
    expect(head()).toBe(before);
    // --only notes.md: the staged secret in src/app.py is not part of this commit (git's temporary index holds HEAD + notes.md).
    sb.git(["add", "src/app.py"], { cwd: repo });
    write("notes.md", "second\n");
    const onlyNotes = commit("--only", "notes.md");
    expect(onlyNotes.status, onlyNotes.stderr).toBe(0);
    expect(sb.git(["show", "--name-only", "--format=", "HEAD"], { cwd: repo }).stdout.trim()).toBe("notes.md");
    // --only the file with the secret: blocked.
    const onlyApp = commit("--only", "src/app.py");
    expectNoSecret(onlyApp);
    expect(onlyApp.status).not.toBe(0);
    expect(onlyApp.stderr).toContain("src/app.py:1:10  github-token");
  });

  it("checks a commit in a linked worktree against that worktree's index", STORE_FREE, () => {
    const other = join(sb.root, "linked");
    sb.git(["worktree", "add", "-q", "-b", "side", other], { cwd: repo });
    writeFileSync(join(other, "clean.py"), 'TOKEN = os.environ["GITHUB_TOKEN"]\n');
    sb.git(["add", "clean.py"], { cwd: other });
    // A secret staged in the main worktree is not this commit's.
    write("main-only.py", `TOKEN = "${GITHUB}"\n`);
    addAll();
    const clean = sb.git(["commit", "-m", "clean"], { cwd: other, allowFail: true });
    expect(clean.status, clean.stderr).toBe(0);
    writeFileSync(join(other, "leak.py"), `TOKEN = "${GITHUB}"\n`);
    sb.git(["add", "leak.py"], { cwd: other });
    const leak = sb.git(["commit", "-m", "leak"], { cwd: other, allowFail: true });
    expectNoSecret(leak);
    expect(leak.status).not.toBe(0);
    expect(leak.stderr).toContain("leak.py:1:10  github-token");
    expect(leak.stderr).not.toContain("main-only.py");
  });

  it("keeps V8's code cache of its scanner in the user's cache folder, never in the repository; a corrupt one changes nothing but speed", STORE_FREE, () => {
    // The commit in beforeEach ran the hook: it left the cache.
    const dir = join(sb.env.XDG_CACHE_HOME as string, "backpack", "code-cache");
    const files = readdirSync(dir).filter((f) => /^pre-commit-[0-9a-f]{8}\.v8$/.test(f));
    expect(files).toHaveLength(1);
    const cache = join(dir, files[0] as string);
    const good = readFileSync(cache);
    write("src/settings.py", `GITHUB_TOKEN = "${GITHUB}"\n`);
    addAll();
    const blocked = sb.backpack(["git", "pre-commit"], { cwd: repo, env: { GIT_INDEX_FILE: join(repo, ".git", "index") } });
    const corrupt = Buffer.from(good);
    for (let i = 64; i < corrupt.length; i += 97) corrupt[i] = (corrupt[i] as number) ^ 0x5a;
    writeFileSync(cache, corrupt);
    const afterCorrupt = sb.backpack(["git", "pre-commit"], { cwd: repo, env: { GIT_INDEX_FILE: join(repo, ".git", "index") } });
    expectNoSecret(blocked, afterCorrupt);
    expect(blocked.status).toBe(7);
    expect(afterCorrupt.status).toBe(7);
    expect(afterCorrupt.stderr).toBe(blocked.stderr);
    expect(readFileSync(cache).equals(corrupt)).toBe(false);
    // The fresh cache was written after a run that read the staged secret: V8's data holds code, never what it read.
    const rewritten = readFileSync(cache);
    for (const secret of SECRETS) expect(rewritten.includes(secret)).toBe(false);
    expect(rewritten.includes(GITHUB.slice(4, 20))).toBe(false);
    // Nothing of it in the repository, tracked, untracked or ignored.
    expect(sb.git(["status", "--porcelain", "--ignored", "--untracked-files=all"], { cwd: repo }).stdout).not.toMatch(/\.v8|code-cache/);
  });

  it("lets a clean commit through silently", STORE_FREE, () => {
    write("src/app.py", 'import os\n\nTOKEN = os.environ["GITHUB_TOKEN"]\n');
    addAll();
    const r = commit();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("backpack");
  });

  it("lets a commit through when the line carries backpack:allow", STORE_FREE, () => {
    write("test/fixture.py", `TOKEN = "${GITHUB}"  # backpack:allow github-token\n`);
    addAll();
    const r = commit();
    expectNoSecret(r);
    expect(r.status, r.stderr).toBe(0);
  });

  it("lets a commit through when backpack.toml allows the path or the fingerprint", STORE_FREE, () => {
    write("fixtures/a.py", `TOKEN = "${GITHUB}"\n`);
    write("backpack.toml", '[scan]\nallow_paths = ["fixtures/**"]\n');
    addAll();
    expect(commit().status).toBe(0);

    write("src/b.py", `KEY = "${OPENAI}"\n`);
    addAll();
    const blocked = sb.backpack(["git", "pre-commit", "--json"], { cwd: repo });
    const fingerprint = JSON.parse(blocked.stdout).findings[0].fingerprint as string;
    write("backpack.toml", `[scan]\nallow_paths = ["fixtures/**"]\nallow_fingerprints = ["${fingerprint}"]\n`);
    addAll();
    const r = commit();
    expectNoSecret(blocked, r);
    expect(r.status, r.stderr).toBe(0);
  });

  it("accepts the findings in a baseline and blocks only new ones", STORE_FREE, () => {
    write("legacy.py", `TOKEN = "${GITHUB}"\n`);
    addAll();
    expect(commit("--no-verify").status).toBe(0);

    const scan = sb.backpack(["scan"], { cwd: repo });
    expect(scan.status).toBe(7);
    const update = sb.backpack(["scan", "--baseline", ".backpack-baseline.json", "--update-baseline"], { cwd: repo });
    expect(update.status, update.stderr).toBe(0);
    expect(update.stdout).toContain("records 1 accepted finding");
    const baseline = readFileSync(join(repo, ".backpack-baseline.json"), "utf8");
    expect(JSON.parse(baseline).findings).toEqual([expect.objectContaining({ file: "legacy.py", rule: "github-token" })]);
    const again = sb.backpack(["scan", "--baseline", ".backpack-baseline.json"], { cwd: repo });
    expect(again.status, again.stdout).toBe(0);

    // The hook honours the baseline named in backpack.toml: a copy of the old secret is accepted in
    // legacy.py (moved lines), a new secret elsewhere is not.
    write("backpack.toml", '[scan]\nbaseline = ".backpack-baseline.json"\n');
    write("legacy.py", `# moved\nTOKEN = "${GITHUB}"\n`);
    addAll();
    expect(commit().status).toBe(0);
    write("new.py", `KEY = "${OPENAI}"\n`);
    addAll();
    const blocked = commit();
    expectNoSecret(scan, update, again, blocked);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain("new.py:1:8  openai-api-key");
    expect(blocked.stderr).not.toContain("legacy.py");
  });

  it("is bypassed by --no-verify, and the history scan then finds the secret with its commit", STORE_FREE, () => {
    write("leak.py", `TOKEN = "${GITHUB}"\n`);
    addAll();
    const r = commit("--no-verify");
    expect(r.status).toBe(0);
    const leaked = head();
    write("leak.py", "TOKEN = None\n");
    addAll();
    expect(commit().status).toBe(0);

    const history = sb.backpack(["scan", "--history"], { cwd: repo });
    const json = sb.backpack(["scan", "--history", "--json"], { cwd: repo });
    expectNoSecret(history, json);
    expect(history.status).toBe(7);
    expect(history.stdout).toContain(`${leaked.slice(0, 12)} leak.py:1:10  github-token`);
    expect(JSON.parse(json.stdout).findings).toEqual([expect.objectContaining({ commit: leaked, file: "leak.py" })]);
    expect(sb.backpack(["scan"], { cwd: repo }).status).toBe(0);
  });

  it("lets an agent.lock through the filter encrypted, and blocks one staged while the filter was off", () => {
    write("agent.lock", `${JSON.stringify({ version: 2, credentials: { PAYMENT_KEY: { source: "embedded", value: EMBEDDED } }, personality: {}, memory: {} }, null, 2)}\n`);
    addAll();
    const encrypted = commit();
    expectNoSecret(encrypted);
    expect(encrypted.status, encrypted.stderr).toBe(0);
    assertNoPlaintextInObjects(sb, repo, [EMBEDDED]);

    // As in a clone before `backpack setup`, or a client without filters: git stores the file as is.
    sb.git(["config", "--remove-section", "filter.backpack"], { cwd: repo });
    write("deploy/agent.lock", `${JSON.stringify({ version: 2, credentials: { PAYMENT_KEY: { source: "embedded", value: EMBEDDED } }, personality: {}, memory: {} }, null, 2)}\n`);
    addAll();
    const r = commit();
    expectNoSecret(r);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("deploy/agent.lock:1:1  agent-lock-plaintext  plaintext (working form)");
    expect(r.stderr).toContain("backpack setup");
    // git add stored a blob, but no commit or ref reaches it.
    const reachable = sb.git(["rev-list", "--objects", "--all"], { cwd: repo }).stdout;
    const staged = sb.git(["rev-parse", ":deploy/agent.lock"], { cwd: repo }).stdout.trim();
    expect(reachable).not.toContain(staged);
  });

  it("blocks a value of the working agent.lock pasted into another file", () => {
    write("agent.lock", `${JSON.stringify({ version: 2, credentials: { PAYMENT_KEY: { source: "embedded", value: EMBEDDED } }, personality: {}, memory: {} })}\n`);
    write("config.yaml", `payments:\n  key: ${EMBEDDED}\n`);
    addAll();
    const r = commit();
    expectNoSecret(r);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("config.yaml:2:8  known-secret");
    // The agent.lock itself went through the filter: staged encrypted, so not reported.
    expect(r.stderr).not.toContain("agent.lock:");
    const staged = sb.git(["cat-file", "-p", ":agent.lock"], { cwd: repo }).stdout;
    expect(staged).toContain('"backpack": "agent.lock"');
    assertNoSecrets([staged], [EMBEDDED]);
  });

  it("checks the whole repository when a husky hook changed folder before backpack's block (cd web && npx lint-staged)", STORE_FREE, () => {
    // husky 9: git runs .husky/_/pre-commit, which runs .husky/pre-commit with `sh -e`; backpack's block is appended after the user's lines.
    const husky = sb.repo("husky");
    mkdirSync(join(husky, ".husky/_"), { recursive: true });
    writeFileSync(join(husky, ".husky/_/pre-commit"), '#!/bin/sh\nexec sh -e "$(dirname "$0")/../pre-commit" "$@"\n', { mode: 0o755 });
    writeFileSync(join(husky, ".husky/pre-commit"), "cd web && echo lint-staged >/dev/null\n");
    sb.git(["config", "core.hooksPath", ".husky/_"], { cwd: husky });
    const setup = sb.backpack(["setup"], { cwd: husky });
    expect(setup.stdout, setup.stderr).toMatch(/pre-commit hook: added to the existing husky hook/);
    mkdirSync(join(husky, "web"));
    writeFileSync(join(husky, "web/index.js"), "export {};\n");
    sb.git(["add", "-A"], { cwd: husky });
    const first = sb.git(["commit", "-m", "first"], { cwd: husky, allowFail: true });
    expect(first.status, first.stderr).toBe(0);
    const before = sb.git(["rev-parse", "HEAD"], { cwd: husky }).stdout;
    // agent.lock is at the top, outside web/: the check still learns its embedded value.
    writeFileSync(join(husky, "agent.lock"), `${JSON.stringify({ version: 2, credentials: { PAYMENT_KEY: { source: "embedded", value: EMBEDDED } }, personality: {}, memory: {} })}\n`);
    writeFileSync(join(husky, "config.yaml"), `payments:\n  key: ${EMBEDDED}\n`);
    sb.git(["add", "-A"], { cwd: husky });
    const r = sb.git(["commit", "-m", "leak"], { cwd: husky, allowFail: true });
    expectNoSecret(r);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("config.yaml:2:8  known-secret");
    expect(sb.git(["rev-parse", "HEAD"], { cwd: husky }).stdout).toBe(before);
  });

  it("is skipped with BACKPACK_SKIP_HOOKS=1, saying so", STORE_FREE, () => {
    write("leak.py", `TOKEN = "${GITHUB}"\n`);
    addAll();
    const r = sb.git(["commit", "-m", "skip"], { cwd: repo, allowFail: true, env: { BACKPACK_SKIP_HOOKS: "1" } });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("pre-commit checks skipped");
  });

  it("blocks a value from the vault, as is and base64-encoded, and the master key from the environment", () => {
    const added = sb.backpack(["key", "add", "PAYMENT_TOKEN"], { input: VAULT });
    expect(added.status, added.stderr).toBe(0);
    write("config.yaml", `payments:\n  token: ${VAULT}\n`);
    write("basic.txt", `Authorization: Basic ${Buffer.from(`svc:${VAULT}`).toString("base64")}\n`);
    addAll();
    const r = commit();
    expectNoSecret(added, r);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("config.yaml:2:10  known-secret");
    expect(r.stderr).toMatch(/basic\.txt:1:\d+ {2}known-secret/);

    sb.git(["reset", "-q"], { cwd: repo });
    write("deploy.sh", `export AGENT_MASTER_KEY='${MASTER}'\n`);
    sb.git(["add", "deploy.sh"], { cwd: repo });
    const withMaster = sb.git(["commit", "-m", "deploy"], { cwd: repo, allowFail: true, env: { AGENT_MASTER_KEY: MASTER } });
    expectNoSecret(withMaster);
    expect(withMaster.status).not.toBe(0);
    expect(withMaster.stderr).toContain("deploy.sh:1:26  known-secret");
  });

  it("blocks a .env.local with real values and lets .env.example with placeholders through", STORE_FREE, () => {
    write(".env.local", "DATABASE_HOST=db.internal\nDB_PASSWORD=\n");
    addAll();
    const blocked = commit();
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain(".env.local:1:15  dotenv-value");
    expect(blocked.stderr).toContain("git rm --cached .env.local");
    sb.git(["rm", "-q", "--cached", ".env.local"], { cwd: repo });
    write(".gitignore", ".env*.local\n");
    write(".env.example", "DATABASE_HOST=\nDB_PASSWORD=<your-password>\nAPI_KEY=${API_KEY}\n");
    addAll();
    const r = commit();
    expect(r.status, r.stderr).toBe(0);
  });

  it("lets a framework's committed .env.development with public defaults through, and blocks a secret in it", STORE_FREE, () => {
    write(".env.development", "VITE_API_URL=http://localhost:3000\nPORT=3000\n");
    addAll();
    const passed = commit();
    expect(passed.status, passed.stderr).toBe(0);
    write(".env.development", `VITE_API_URL=http://localhost:3000\nPORT=3000\nSESSION_SECRET=${EMBEDDED}\n`);
    addAll();
    const blocked = commit();
    expectNoSecret(blocked);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain(".env.development:3:16");
  });
});

describe("backpack scan", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  it("uses documented exit codes: 0 clean, 7 findings, 2 usage, 8 no repository", STORE_FREE, () => {
    const repo = sb.repo();
    writeFileSync(join(repo, "a.py"), "X = 1\n");
    expect(sb.backpack(["scan"], { cwd: repo }).status).toBe(0);
    writeFileSync(join(repo, "b.py"), `X = "${GITHUB}"\n`);
    const found = sb.backpack(["scan", "b.py"], { cwd: repo });
    expect(found.status).toBe(7);
    expect(found.stdout.trim().split("\n").at(-1)).toBe("backpack scan: 1 finding in 1 file (1 file scanned in b.py)");
    const usage = sb.backpack(["scan", "--staged", "a.py"], { cwd: repo });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^backpack: paths cannot be combined with --staged, --history or --range\nhint: /);
    const outside = sb.backpack(["scan", "--history"], { cwd: sb.home });
    expect(outside.status).toBe(8);
    expect(outside.stderr).toContain("needs a git repository");
    expectNoSecret(found, usage, outside);
  });

  it("lists its rules", STORE_FREE, () => {
    const r = sb.backpack(["scan", "--list-rules"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^known-secret\s+/m);
    expect(r.stdout).toMatch(/^aws-access-key-id\s+AWS access key id/m);
  });
});
