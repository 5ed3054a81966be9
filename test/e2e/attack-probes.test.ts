/**
 * Attack probes (issue 11), through the built CLI and real git, each the
 * kind of thing a hostile repository or a careless first hour does: what a
 * red-team pass found after the classes' mechanisms landed. Each test fails
 * on the code before its fix.
 */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, statfsSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backpackGuarded, mkfifo, workingForm } from "../helpers/probes.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";


let sb: Sandbox;
beforeEach(() => (sb = makeSandbox()));
afterEach(() => sb.cleanup());

describe("backpack run: every name that changes how a program loads code, trusts a server or routes its traffic", () => {
  const PRINT_ENV = ["run", "--non-interactive", "--", process.execPath, "-e", "process.stdout.write(JSON.stringify(process.env))"];

  // Each of these, set by an agent.lock from a repository, runs the file author's code in (or
  // exfiltrates the credentials of) a program the agent starts: a loader, a runtime's start-up
  // options in any language, a tool that starts a command, TLS checks turned off, a proxy.
  const RISKY = [
    "PYTHONWARNINGS", // imports the module a category names
    "PYTHONHTTPSVERIFY", // 0 turns certificate checks off
    "LUA_INIT", // Lua runs it as code
    "LUA_INIT_5_4",
    "PHPRC", // php.ini: auto_prepend_file
    "PHP_INI_SCAN_DIR",
    "OPENSSL_CONF", // loads engines and providers (shared objects)
    "GCONV_PATH", // iconv loads shared objects from it
    "GLIBC_TUNABLES",
    "npm_config_node_options", // npm passes it to node: --require
    "NPM_CONFIG_SCRIPT_SHELL",
    "JAVA_OPTS", // start scripts pass it to the JVM: -javaagent
    "MAVEN_OPTS",
    "GRADLE_OPTS",
    "CORECLR_PROFILER_PATH",
    "R_PROFILE_USER",
    "ERL_AFLAGS",
    "RUSTC_WRAPPER",
    "GOFLAGS", // -toolexec
    "BUNDLE_GEMFILE", // a Gemfile is Ruby code
    "LESSOPEN", // less runs it
    "GIT_SEQUENCE_EDITOR", // git runs it
    "GIT_SSL_NO_VERIFY",
    "GIT_TRACE", // git writes to the path it names
    "NODE_TLS_REJECT_UNAUTHORIZED", // 0 turns certificate checks off
    "NODE_REDIRECT_WARNINGS", // Node writes to the path it names
    "HTTPS_PROXY", // the agent's requests (its API keys) through the file author's proxy
    "https_proxy",
    "ALL_PROXY",
    "CURL_HOME",
    "Path", // Windows reads names case-insensitively
    "ld_preload",
  ];

  it("refuses an agent.lock that embeds any of them, naming each; the child never starts", () => {
    const marker = join(sb.root, "started");
    writeFileSync(join(sb.root, "agent.lock"), workingForm({ credentials: Object.fromEntries(RISKY.map((n) => [n, { source: "embedded", value: "x" }])) }));
    const r = sb.backpack(["run", "--non-interactive", "--", process.execPath, "-e", `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`], { cwd: sb.root });
    expect(r.status, r.stderr).toBe(4);
    for (const name of RISKY) expect(r.stderr, name).toMatch(new RegExp(`\\b${name} \\(`));
    expect(r.stderr).toMatch(/run\.allow_env/);
    expect(existsSync(marker)).toBe(false);
  });

  it("still injects ordinary credential names, NODE_AUTH_TOKEN and GITHUB_TOKEN included", () => {
    const names = ["OPENAI_API_KEY", "NODE_AUTH_TOKEN", "GITHUB_TOKEN", "GITLAB_TOKEN", "BUNDLE_GEMS__EXAMPLE__COM", "DATABASE_URL"];
    writeFileSync(join(sb.root, "agent.lock"), workingForm({ credentials: Object.fromEntries(names.map((n) => [n, { source: "embedded", value: `v-${n}` }])) }));
    const r = sb.backpack(PRINT_ENV, { cwd: sb.root });
    expect(r.status, r.stderr).toBe(0);
    const env = JSON.parse(r.stdout) as Record<string, string>;
    for (const n of names) expect(env[n]).toBe(`v-${n}`);
  });

  it("the user's own run.allow_env lets one through, matched without regard to case", () => {
    writeFileSync(join(sb.root, "agent.lock"), workingForm({ credentials: { https_proxy: { source: "embedded", value: "http://127.0.0.1:9" } } }));
    expect(sb.backpack(["config", "set", "--user", "run.allow_env", "HTTPS_PROXY"], { cwd: sb.root }).status).toBe(0);
    const r = sb.backpack(PRINT_ENV, { cwd: sb.root });
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Record<string, string>).https_proxy).toBe("http://127.0.0.1:9");
  });
});

describe("setup reads the repository's own files, never through a link out of it or a special file", () => {
  let outside: string;
  let repo: string;
  const SECRET_LINE = "aws_secret_access_key = PLANTEDoutsideTHErepo0123456789";
  beforeEach(() => {
    repo = sb.repo();
    outside = join(sb.home, ".aws-credentials");
    writeFileSync(outside, `${SECRET_LINE}\n`);
  });

  const expectNotCopied = () => {
    const files = spawnSync("git", ["ls-files", "-o", "--exclude-standard", "-z"], { cwd: repo, env: sb.env, encoding: "utf8" }).stdout.split("\0").filter(Boolean);
    for (const file of files) if (!lstatSync(join(repo, file)).isSymbolicLink()) expect(readFileSync(join(repo, file), "utf8"), file).not.toContain("PLANTEDoutside");
    expect(readFileSync(outside, "utf8")).toBe(`${SECRET_LINE}\n`);
  };

  it(".gitattributes linked to a file outside: refused, nothing copied into the working tree", () => {
    symlinkSync(outside, join(repo, ".gitattributes"));
    const r = backpackGuarded(sb, ["setup"], repo);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/\.gitattributes is a symbolic link out of the repository; refused without reading it/);
    expectNotCopied();
  });

  it("a husky hook linked to a file outside: refused, nothing copied into the working tree", () => {
    writeFileSync(join(repo, "package.json"), JSON.stringify({ devDependencies: { husky: "9" } }));
    mkdirSync(join(repo, ".husky"));
    symlinkSync(outside, join(repo, ".husky", "pre-commit"));
    const r = backpackGuarded(sb, ["setup"], repo);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/pre-commit is a symbolic link out of the repository; refused without reading it/);
    expectNotCopied();
  });

  it("a .husky folder linked out of the repository: refused, no hook written there", () => {
    const elsewhere = join(sb.home, "elsewhere");
    mkdirSync(elsewhere);
    writeFileSync(join(repo, "package.json"), JSON.stringify({ devDependencies: { husky: "9" } }));
    symlinkSync(elsewhere, join(repo, ".husky"));
    const r = backpackGuarded(sb, ["setup"], repo);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/\.husky is a symbolic link out of the repository/);
    expect(existsSync(join(elsewhere, "pre-commit"))).toBe(false);
  });

  it("a FIFO .gitattributes or husky hook: refused at once, never waited on", () => {
    mkfifo(join(repo, ".gitattributes"));
    const fifo = backpackGuarded(sb, ["setup"], repo);
    expect(fifo.status, fifo.stderr).toBe(4);
    expect(fifo.stderr).toMatch(/\.gitattributes is a FIFO \(named pipe\); refused without reading it/);

    const other = sb.repo("other");
    mkdirSync(join(other, ".husky"));
    mkfifo(join(other, ".husky", "pre-commit"));
    const r = backpackGuarded(sb, ["setup"], other);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/pre-commit is a FIFO \(named pipe\); refused without reading it/);
  });

  it("a package.json linked to /dev/zero, or a FIFO, stops no command (the CLI's parser once read it at every start)", () => {
    symlinkSync("/dev/zero", join(repo, "package.json"));
    const sub = join(repo, "sub");
    mkdirSync(sub);
    mkfifo(join(sub, "package.json"));
    for (const cwd of [repo, sub]) {
      const r = backpackGuarded(sb, ["status"], cwd);
      expect(r.status, r.stderr).toBe(0);
      expect(backpackGuarded(sb, ["--version"], cwd).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    }
    const setup = backpackGuarded(sb, ["setup"], repo);
    expect(setup.status, setup.stderr).toBe(4);
    expect(setup.stderr).toMatch(/package\.json is a symbolic link out of the repository; refused without reading it/);
  });

  it("env import --gitignore with .gitignore linked to a file outside: refused, the file's text not copied", () => {
    symlinkSync(outside, join(repo, ".gitignore"));
    writeFileSync(join(repo, ".env"), "SERVICE_TOKEN=value-from-env\n");
    const r = backpackGuarded(sb, ["env", "import", ".env", "--gitignore"], repo);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/\.gitignore is a symbolic link out of the repository; refused without reading it/);
    expectNotCopied();
  });

  it("backpack.toml linked to a file outside (your own config, say): not read as the repository's settings", () => {
    const own = join(sb.home, "elsewhere.toml");
    writeFileSync(own, 'log_level = "debug"\n[scan]\nallow_paths = ["**"]\n');
    symlinkSync(own, join(repo, "backpack.toml"));
    const r = backpackGuarded(sb, ["config", "list"], repo);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/backpack\.toml is a symbolic link out of the repository; refused without reading it/);
  });

  it("a .gitattributes linked inside the repository is still read (and the agent.lock line added)", () => {
    mkdirSync(join(repo, "config"));
    writeFileSync(join(repo, "config", "attributes"), "*.png binary\n");
    symlinkSync("config/attributes", join(repo, ".gitattributes"));
    const r = backpackGuarded(sb, ["setup"], repo);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(repo, ".gitattributes"), "utf8")).toMatch(/^\*\.png binary\nagent\.lock filter=backpack/);
  });
});

describe("a repository's allow-list cannot silence the checks that protect your own data", () => {
  let repo: string;
  const SECRET = "sk-proj-Xk29fLq8Rv03TmB7wZp4Hc6NdQ1sGuardPlanted";
  const git = (...args: string[]) => sb.git(args, { cwd: repo, allowFail: true });
  beforeEach(() => {
    repo = sb.wiredRepo();
    git("add", "-A");
    git("commit", "-qm", "wired");
  });
  const plaintextAgent = () => workingForm({ credentials: { OPENAI_API_KEY: { source: "embedded", value: SECRET } }, personality: { tone: "terse" } });
  const committed = () => git("log", "--format=%s").stdout;

  const HOSTILE_TOMLS = [
    '[scan]\nallow_paths = ["**"]\n',
    '[scan]\nallow_rules = ["agent-lock-plaintext", "known-secret"]\n',
    '[scan]\nallow_paths = ["bot.json", "config.py"]\n',
  ];

  it.each(HOSTILE_TOMLS)("an untrusted backpack.toml (%j) does not let a plaintext agent file under another name be committed", (toml) => {
    writeFileSync(join(repo, "backpack.toml"), toml);
    git("add", "backpack.toml");
    git("commit", "-qm", "allow-list");
    writeFileSync(join(repo, "bot.json"), plaintextAgent());
    git("add", "bot.json");
    const r = git("commit", "-qm", "plaintext bot");
    expect(r.status, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/bot\.json:1:1\s+agent-lock-plaintext/);
    expect(r.stderr).toMatch(/never allowed by a `backpack:allow` marker or an untrusted repository's backpack\.toml/);
    expect(r.stderr).not.toContain(SECRET);
    expect(committed()).not.toContain("plaintext bot");
  });

  it("a fingerprint the repository computed for the path (agent.lock:PATH) does not silence it either", () => {
    writeFileSync(join(repo, "bot.json"), plaintextAgent());
    git("add", "bot.json");
    const probe = git("commit", "-qm", "probe");
    const shown = /agent-lock-plaintext .*\[([0-9a-f]{16})\]/.exec(probe.stderr)?.[1];
    expect(shown, probe.stderr).toBeDefined();
    writeFileSync(join(repo, "backpack.toml"), `[scan]\nallow_fingerprints = ["${shown}"]\n`);
    git("add", "backpack.toml");
    const r = git("commit", "-qm", "plaintext bot");
    expect(r.status, r.stderr).not.toBe(0);
    expect(committed()).not.toContain("plaintext bot");
  });

  it("your own vault value in a file the repository allow-lists, or behind a backpack:allow marker it wrote, is still blocked", () => {
    expect(sb.backpack(["key", "add", "OPENAI_API_KEY"], { input: SECRET }).status).toBe(0);
    writeFileSync(join(repo, "backpack.toml"), '[scan]\nallow_paths = ["config.py"]\nallow_rules = ["known-secret"]\n');
    writeFileSync(join(repo, "settings.py"), 'API_KEY = ""  # backpack:allow\n');
    git("add", "-A");
    git("commit", "-qm", "templates");
    writeFileSync(join(repo, "config.py"), `KEY = "${SECRET}"\n`);
    writeFileSync(join(repo, "settings.py"), `API_KEY = "${SECRET}"  # backpack:allow\n`);
    git("add", "-A");
    const r = git("commit", "-qm", "my key");
    expect(r.status, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/config\.py:1:\d+\s+known-secret/);
    expect(r.stderr).toMatch(/settings\.py:1:\d+\s+known-secret/);
    expect(r.stderr).not.toContain(SECRET);
    expect(committed()).not.toContain("my key");
  });

  it("once you trust the repository's backpack.toml (or allow it in your own config), its allow-list applies to them too", () => {
    writeFileSync(join(repo, "backpack.toml"), '[scan]\nallow_paths = ["fixtures/**"]\n');
    mkdirSync(join(repo, "fixtures"));
    writeFileSync(join(repo, "fixtures", "expected.json"), plaintextAgent());
    git("add", "-A");
    expect(git("commit", "-qm", "fixtures untrusted").status).not.toBe(0);
    expect(sb.backpack(["trust"], { cwd: repo }).status).toBe(0);
    const trusted = git("commit", "-qm", "fixtures trusted");
    expect(trusted.status, trusted.stderr + trusted.stdout).toBe(0);

    writeFileSync(join(repo, "fixtures", "other.json"), plaintextAgent().replace("terse", "warm"));
    writeFileSync(join(repo, "backpack.toml"), '[scan]\nallow_paths = ["fixtures/**"]\nallow_rules = ["generic-api-key"]\n');
    git("add", "-A");
    expect(git("commit", "-qm", "changed toml: trust again").status).not.toBe(0);
    git("rm", "-q", "--cached", "backpack.toml");
    expect(sb.backpack(["config", "set", "--user", "scan.allow_paths", "fixtures/**"], { cwd: repo }).status).toBe(0);
    git("add", "fixtures");
    const user = git("commit", "-qm", "user allows");
    expect(user.status, user.stderr).toBe(0);
  });
});

describe("escape sequences from data never reach a pipe or a NO_COLOR terminal raw", () => {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  it("memory set with a key holding colour changes and a retitle: the report line escapes them all", () => {
    writeFileSync(join(sb.root, "agent.lock"), workingForm());
    const r = sb.backpack(["memory", "set", "k\u001b[31m\u001b]0;pwned\u0007\u001b[2m", "v"], { cwd: sb.root });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stdout).toContain("\\u001b[31m");
  });
});

const canMount = (() => {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return "not running as root on Linux (CI runs these as root)";
  const probe = spawnSync("sh", ["-c", 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d"; r=$?; rmdir "$d"; exit $r']);
  return probe.status === 0 ? true : "mount -t tmpfs is not permitted here (a container without CAP_SYS_ADMIN)";
})();
if (canMount !== true) console.log(`attack probes: skipping the full-disk probe: ${canMount}`);

(canMount === true ? describe : describe.skip)("a write git makes for backpack, on a full disk", () => {
  let disk: string;
  afterEach(() => {
    spawnSync("umount", [disk]);
  });

  it("setup's git config on a full disk: exit 11, one line naming .git/config and a hint, like backpack's own writes", () => {
    disk = join(sb.root, "disk");
    mkdirSync(disk);
    const m = spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", disk], { encoding: "utf8" });
    expect(m.status, m.stderr).toBe(0);
    const repo = join(disk, "r");
    sb.git(["init", "-q", repo]);
    const s = statfsSync(disk);
    writeFileSync(join(disk, "filler"), Buffer.alloc(Number(s.bavail) * Number(s.bsize)));
    const r = sb.backpack(["setup"], { cwd: repo });
    expect(r.status, r.stderr).toBe(11);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^backpack: cannot write .*\/\.git\/config: no space left on the disk \(ENOSPC\); the file was not changed$/);
    expect(lines[1]).toMatch(/^hint: free some space/);
  });
});

describe("deep nesting at every entry is a typed error with a hint, never an internal error", () => {
  const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;

  it("memory set with a value nested 5,000 levels deep", () => {
    writeFileSync(join(sb.root, "agent.lock"), workingForm());
    const r = sb.backpack(["memory", "set", "d", deep], { cwd: sb.root });
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/^backpack: the value nests deeper than 256 levels/);
    expect(r.stderr).toMatch(/\nhint: /);
    expect(r.stderr).not.toMatch(/internal error|RangeError/);
  });

  it("template install of a template.json nested 5,000 levels deep", () => {
    const dir = join(sb.root, "deep-template");
    mkdirSync(dir);
    writeFileSync(join(dir, "template.json"), `{"name":"deep","description":"x","entry":"agent.py","personality":{"system_prompt":"x","d":${deep}},"memory":{}}`);
    writeFileSync(join(dir, "agent.py"), "print(1)\n");
    writeFileSync(join(dir, "README.md"), "deep\n");
    const r = sb.backpack(["template", "install", dir], { cwd: sb.root });
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/template\.json nests deeper than 256 levels/);
    expect(r.stderr).not.toMatch(/internal error|RangeError/);
  });
});
