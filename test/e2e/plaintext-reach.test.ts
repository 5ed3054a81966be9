/**
 * No plaintext outside the filter's reach (issue #11, section 3), with real
 * git and the built CLI in a repository wired by `backpack setup`:
 *
 * - every --force path (init, quickstart, template use, import) keeps its
 *   backup in the git dir, and after `git add -A && git commit` no object
 *   holds the replaced file's plaintext;
 * - `backpack init bot.json` (a name the filter does not cover) refuses and
 *   writes nothing, instead of promising "git encrypts it on commit".
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";
import { trustRepo } from "../helpers/trust.js";

let sb: Sandbox;
let repo: string;
const MARKER = "plaintext-marker-0c4e7a";
const PASS = "bundle passphrase for the test";

beforeEach(() => {
  sb = makeSandbox();
  repo = sb.wiredRepo();
});
afterEach(() => sb.cleanup());

/** Makes agent.lock in `dir` (relative to the repo) hold MARKER in plaintext (the working form). */
function plantWorkingForm(dir = "."): void {
  mkdirSync(join(repo, dir), { recursive: true });
  const r = sb.backpack(["init", join(dir, "agent.lock"), "--personality", MARKER], { cwd: repo });
  expect(r.status, r.stderr).toBe(0);
  expect(readFileSync(join(repo, dir, "agent.lock"), "utf8")).toContain(MARKER);
}

/** Commits everything git would take, and checks no object holds MARKER and no backup is in the tree. */
function commitAllAndCheck(): void {
  sb.git(["add", "-A"], { cwd: repo });
  const tracked = sb.git(["ls-files"], { cwd: repo }).stdout.split("\n");
  expect(tracked.filter((f) => /\.bak(\.\d+)?$/.test(f))).toEqual([]);
  sb.git(["commit", "-q", "-m", "after --force", "--no-verify"], { cwd: repo });
  assertNoPlaintextInObjects(sb, repo, [MARKER]);
  const backups = readdirSync(join(repo, ".git", "backpack", "backups"));
  expect(backups.length).toBeGreaterThan(0);
}

describe("--force keeps its backups in the git dir, never in the working tree", () => {
  it("init --force", () => {
    plantWorkingForm();
    const r = sb.backpack(["init", "--force", "--personality", "new"], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr + r.stdout).toMatch(/kept a backup: .*\.git\/backpack\/backups\/agent\.lock\.bak/);
    expect(existsSync(join(repo, "agent.lock.bak"))).toBe(false);
    expect(readFileSync(join(repo, ".git/backpack/backups/agent.lock.bak"), "utf8")).toContain(MARKER);
    commitAllAndCheck();
  });

  it("quickstart --force", () => {
    plantWorkingForm("bot");
    const r = sb.backpack(["quickstart", "--non-interactive", "--force", "--dir", "bot", "--name", "bot"], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(repo, "bot")).filter((f) => f.includes(".bak"))).toEqual([]);
    commitAllAndCheck();
  });

  it("template use --force", () => {
    plantWorkingForm("tpl");
    const r = sb.backpack(["template", "use", "twitter_bot", "--force", "--dir", "tpl"], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(repo, "tpl")).filter((f) => f.includes(".bak"))).toEqual([]);
    commitAllAndCheck();
  });

  it("import --force", () => {
    const outside = sb.machine("elsewhere");
    expect(outside.backpack(["init", "--personality", "imported"], { cwd: outside.root }).status).toBe(0);
    const exported = outside.backpack(["export", join(repo, "a.backpack"), "--passphrase-env", "P", "--no-script"], { cwd: outside.root, env: { P: PASS } });
    expect(exported.status, exported.stderr).toBe(0);
    plantWorkingForm();
    const r = sb.backpack(["import", "a.backpack", "--force", "--passphrase-env", "P", "--non-interactive"], { cwd: repo, env: { P: PASS } });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(repo, "agent.lock.bak"))).toBe(false);
    commitAllAndCheck();
  });
});

describe("an agent file the filter does not cover", () => {
  it("init bot.json in a wired repository refuses, names the .gitattributes line, and writes nothing", () => {
    const r = sb.backpack(["init", "bot.json", "--personality", MARKER], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bot\.json is not covered by git's backpack filter/);
    expect(r.stderr).toMatch(/\/bot\.json filter=backpack diff=backpack merge=backpack/);
    expect(r.stdout).not.toMatch(/git encrypts it on commit/);
    expect(existsSync(join(repo, "bot.json"))).toBe(false);
  });

  it("with the attribute added, init bot.json writes the working form and git encrypts it on commit", () => {
    sb.git(["config", "core.autocrlf", "false"], { cwd: repo });
    const attrs = join(repo, ".gitattributes");
    const line = "/bot.json filter=backpack diff=backpack merge=backpack\n";
    appendFileSync(attrs, line);
    const r = sb.backpack(["init", "bot.json", "--personality", MARKER], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/git encrypts it on commit/);
    sb.git(["add", "-A"], { cwd: repo });
    const commit = sb.git(["commit", "-q", "-m", "bot"], { cwd: repo, allowFail: true });
    expect(commit.status, commit.stderr + commit.stdout).toBe(0);
    assertNoPlaintextInObjects(sb, repo, [MARKER]);
  });
});

describe("the pre-commit hook and verify recognise an agent.lock by its content, whatever its name", () => {
  const plaintextLookalikes: Record<string, string> = {
    "bot.json": JSON.stringify({ version: 2, credentials: { T: { source: "embedded", value: MARKER } }, personality: {}, memory: {} }),
    "looks-v1.json": JSON.stringify({ version: "1.0", layers: { credentials: { data: MARKER, salt: "c2FsdA==" } } }),
  };

  it.each(Object.keys(plaintextLookalikes))("%s: the hook blocks it, and verify reports it once committed without the hook", (name) => {
    writeFileSync(join(repo, name), plaintextLookalikes[name] as string);
    sb.git(["add", name], { cwd: repo });
    const blocked = sb.git(["commit", "-q", "-m", "plaintext"], { cwd: repo, allowFail: true });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(new RegExp(`${name.replace(".", "\\.")}`));
    expect(blocked.stderr).not.toContain(MARKER);
    sb.git(["commit", "-q", "-m", "plaintext", "--no-verify"], { cwd: repo });
    const verify = sb.backpack(["verify"], { cwd: repo });
    expect(verify.status).not.toBe(0);
    expect(verify.stdout + verify.stderr).toMatch(new RegExp(`${name.replace(".", "\\.")}.*plaintext agent\\.lock layers`));
    expect(verify.stdout + verify.stderr).not.toContain(MARKER);
  });
});

describe("verify over a range and all history recognises an agent.lock by its content, whatever its name", () => {
  const verifyText = (args: string[]) => {
    const r = sb.backpack(["verify", ...args], { cwd: repo });
    return { ...r, out: r.stdout + r.stderr };
  };

  it("a working form committed as bot.json in a side branch, then deleted: verify --all and verify <range> name it; HEAD is clean", () => {
    plantWorkingForm();
    sb.git(["add", "-A"], { cwd: repo });
    sb.git(["commit", "-q", "-m", "agent"], { cwd: repo });
    const base = sb.git(["rev-parse", "HEAD"], { cwd: repo }).stdout.trim();
    // On a side branch, the decrypted working form copied under other names (one in a folder), committed past the hook, then deleted.
    sb.git(["switch", "-q", "-c", "side"], { cwd: repo });
    const working = readFileSync(join(repo, "agent.lock"), "utf8");
    mkdirSync(join(repo, "deep", "er"), { recursive: true });
    writeFileSync(join(repo, "bot.json"), working);
    writeFileSync(join(repo, "deep", "er", "copy.txt"), working);
    sb.git(["add", "bot.json", "deep"], { cwd: repo });
    sb.git(["commit", "-q", "-m", "oops", "--no-verify"], { cwd: repo });
    const leaked = sb.git(["rev-parse", "HEAD"], { cwd: repo }).stdout.trim();
    sb.git(["rm", "-q", "bot.json", "deep/er/copy.txt"], { cwd: repo });
    sb.git(["commit", "-q", "-m", "remove it"], { cwd: repo });
    sb.git(["switch", "-q", "main"], { cwd: repo });
    // A harmless JSON file under another name is not an agent.lock: no problem for it.
    writeFileSync(join(repo, "package.json"), JSON.stringify({ name: "x", memory: 1 }));
    sb.git(["add", "package.json"], { cwd: repo });
    sb.git(["commit", "-q", "-m", "unrelated"], { cwd: repo });

    const head = verifyText([]);
    expect(head.status, head.out).toBe(0);

    for (const args of [["--all"], [`${base}..side`]]) {
      const r = verifyText(args);
      expect(r.status, r.out).toBe(1);
      for (const name of ["bot.json", "deep/er/copy.txt"]) {
        expect(r.out).toContain(`${leaked.slice(0, 12)} ${name}: holds plaintext agent.lock layers`);
      }
      expect(r.out).not.toContain("package.json");
      expect(r.out).not.toContain(MARKER);
      const json = JSON.parse(sb.backpack(["verify", ...args, "--json"], { cwd: repo }).stdout) as { problems: { path: string; kind: string; commit: string }[] };
      expect(json.problems.map((p) => `${p.kind} ${p.path} ${p.commit}`).sort()).toEqual([`plaintext bot.json ${leaked}`, `plaintext deep/er/copy.txt ${leaked}`]);
    }
    // The range main..main holds none of it.
    const none = verifyText([`${base}..main`]);
    expect(none.status, none.out).toBe(0);
  });

  it("a plaintext fixture at a path scan.allow_paths allows passes only when the list is the user's own or in a trusted backpack.toml", () => {
    plantWorkingForm();
    sb.git(["add", "agent.lock"], { cwd: repo });
    mkdirSync(join(repo, "fixtures"), { recursive: true });
    writeFileSync(join(repo, "fixtures", "example.json"), readFileSync(join(repo, "agent.lock"), "utf8"));
    writeFileSync(join(repo, "backpack.toml"), '[scan]\nallow_paths = ["fixtures/**"]\n');
    sb.git(["add", "fixtures", "backpack.toml"], { cwd: repo });
    sb.git(["commit", "-q", "-m", "fixture", "--no-verify"], { cwd: repo });
    // The repository's own list, untrusted, decides nothing.
    const untrusted = verifyText([]);
    expect(untrusted.status, untrusted.out).toBe(1);
    expect(untrusted.out).toContain("fixtures/example.json: holds plaintext agent.lock layers");
    // Trusted (bound to its content), the same list lets the fixture pass, and says so.
    trustRepo(sb, repo);
    const trusted = verifyText([]);
    expect(trusted.status, trusted.out).toBe(0);
    expect(trusted.out).toContain("1 file(s) with plaintext layers at paths scan.allow_paths allows");
    const json = JSON.parse(sb.backpack(["verify", "--json"], { cwd: repo }).stdout) as { problems: unknown[]; allowedPlaintext: { path: string }[] };
    expect(json.problems).toEqual([]);
    expect(json.allowedPlaintext.map((f) => f.path)).toEqual(["fixtures/example.json"]);
    // Changed after trusting: untrusted again. The user's own config allows the same path.
    appendFileSync(join(repo, "backpack.toml"), "# edited\n");
    expect(verifyText([]).status).toBe(1);
    const userConfig = join(sb.env.XDG_CONFIG_HOME ?? "", "backpack", "config.toml");
    mkdirSync(join(userConfig, ".."), { recursive: true });
    writeFileSync(userConfig, '[scan]\nallow_paths = ["fixtures/**"]\n');
    const own = verifyText(["--all"]);
    expect(own.status, own.out).toBe(0);
    expect(own.out).not.toContain(MARKER);
  });
});

describe("git archive ships the stored form", () => {
  it("by default no plaintext reaches the archive (commit, tree, from a subfolder); BACKPACK_ARCHIVE=working decrypts; checkout still decrypts", () => {
    plantWorkingForm();
    sb.git(["add", "-A"], { cwd: repo });
    sb.git(["commit", "-q", "-m", "agent"], { cwd: repo });
    const archive = (args: string[], env?: NodeJS.ProcessEnv) => {
      const r = spawnSync("git", ["archive", "--format=tar", ...args], { cwd: repo, env: { ...sb.env, ...env }, maxBuffer: 64 << 20 });
      expect(r.status, r.stderr.toString()).toBe(0);
      return r.stdout.toString("latin1");
    };
    for (const args of [["HEAD"], ["HEAD^{tree}"], ["--prefix=release/", "main"]]) {
      const tar = archive(args);
      expect(tar).toContain('"backpack": "agent.lock"');
      expect(tar).not.toContain(MARKER);
    }
    mkdirSync(join(repo, "sub"), { recursive: true });
    const fromSub = spawnSync("git", ["-C", "sub", "archive", "--format=tar", "HEAD"], { cwd: repo, env: sb.env });
    expect(fromSub.stdout.toString("latin1")).not.toContain(MARKER);
    // Asked for explicitly, the archive holds the decrypted file (the filter did run).
    expect(archive(["HEAD"], { BACKPACK_ARCHIVE: "working" })).toContain(MARKER);
    // A checkout of a commit (git sends the same treeish= header) still decrypts.
    sb.git(["checkout", "-q", "-b", "other"], { cwd: repo });
    rmSync(join(repo, "agent.lock"));
    sb.git(["checkout", "-q", "main", "--", "agent.lock"], { cwd: repo });
    sb.git(["switch", "-q", "main"], { cwd: repo });
    sb.git(["checkout", "-q", "--detach", "HEAD"], { cwd: repo });
    expect(readFileSync(join(repo, "agent.lock"), "utf8")).toContain(MARKER);
  });
});
