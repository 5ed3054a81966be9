// Keychain pass (.ci/run): the Python tool's keys are found where its users stored them.
/**
 * A user of the Python backpack-agent 0.1.x moving over: its files (written
 * by an independent implementation, fixtures/v1/generate.py) as it wrote
 * them, driven through the built CLI.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KEYCHAIN_MODE, PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets } from "../helpers/secrets.js";

const FIXTURES = join(PROJECT_ROOT, "fixtures/v1");
const expected = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), "utf8")) as { layers: { credentials: Record<string, string>; personality: object; memory: object } };

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});
afterEach(() => sb.cleanup());

const use = (name: string) => copyFileSync(join(FIXTURES, `${name}.agent.lock`), join(sb.root, "agent.lock"));

describe("a format 1.0 file without a version field", () => {
  it("is read by show and status, and migrated", () => {
    use("no-version");
    expect(JSON.parse(readFileSync(join(sb.root, "agent.lock"), "utf8")).version).toBeUndefined();
    const shown = sb.backpack(["show", "--json"]);
    expect(shown.status, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).personality).toEqual(expected("no-version").layers.personality);
    const status = sb.backpack(["status", "--json"]);
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).layers.memory).toEqual({ tickets: 3 });
    const migrated = sb.backpack(["migrate"]);
    expect(migrated.status, migrated.stderr).toBe(0);
    expect(JSON.parse(sb.backpack(["show", "--json"]).stdout).memory).toEqual({ tickets: 3 });
  });
});

describe("credential names the Python tool accepted", () => {
  const TOTP = expected("python-names").layers.credentials["2FA_SECRET"] as string;

  it("are shown, passed to the agent by run, migrated with a warning, and renamed with key rename", () => {
    use("python-names");
    const shown = sb.backpack(["show", "--layer", "credentials"]);
    expect(shown.status, shown.stderr).toBe(0);
    for (const name of ["2FA_SECRET", "CLÉ_API", "slack-token", "OPENAI_API_KEY"]) expect(shown.stdout).toContain(name);

    // The OS allows these names: a child started directly (not through a shell) sees them.
    const probe = "console.log(JSON.stringify(['2FA_SECRET','slack-token'].map((k) => [k, k in process.env])))";
    const run = sb.backpack(["run", "--non-interactive", "--", process.execPath, "-e", probe], { env: { "slack-token": "from-env" } });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([["2FA_SECRET", true], ["slack-token", true]]);
    expect(run.stderr).toMatch(/missing CLÉ_API: add it with `backpack key rename CLÉ_API NEW_NAME` then `backpack key add NEW_NAME`/);
    assertNoSecrets([run.stdout, run.stderr, shown.stdout], [TOTP]);

    const migrated = sb.backpack(["migrate"]);
    expect(migrated.status, migrated.stderr).toBe(0);
    expect(migrated.stderr).toMatch(/note: 2FA_SECRET, CLÉ_API, slack-token are not names a shell can use as a variable: `backpack run` still passes them/);
    expect(migrated.stderr).toMatch(/Python library \(`from backpack import AgentLock`\) cannot read a format 3 file/);
    expect(migrated.stderr).toMatch(/a deployment that set AGENT_MASTER_KEY to the Python tool's passphrase cannot open this file: set it there to the line `backpack key export` prints/);

    const renamed = sb.backpack(["key", "rename", "2FA_SECRET", "TOTP_SECRET"]);
    expect(renamed.status, renamed.stderr).toBe(0);
    expect(renamed.stdout).toBe("renamed 2FA_SECRET to TOTP_SECRET in agent.lock (encrypted)\n");
    const creds = JSON.parse(sb.backpack(["show", "--json", "--show-secrets"]).stdout).credentials;
    expect(Object.keys(creds).sort()).toEqual(["CLÉ_API", "OPENAI_API_KEY", "TOTP_SECRET", "slack-token"]);
    expect(creds.TOTP_SECRET.value === TOTP).toBe(true);

    expect(sb.backpack(["key", "rename", "CLÉ_API", "1BAD"]).status).toBe(2);
    expect(sb.backpack(["key", "rename", "CLÉ_API", "TOTP_SECRET"]).stderr).toMatch(/already has a credential named TOTP_SECRET/);
    expect(sb.backpack(["key", "rename", "NOPE", "OTHER"]).status).toBe(3);
  });

  it("key rename also moves the value in your vault", () => {
    expect(sb.backpack(["init", "-q", "--credentials", "OLD_NAME"]).status).toBe(0);
    expect(sb.backpack(["key", "add", "OLD_NAME"], { input: "vault-value-123\n" }).status).toBe(0);
    const renamed = sb.backpack(["key", "rename", "OLD_NAME", "NEW_NAME"]);
    expect(renamed.status, renamed.stderr).toBe(0);
    expect(renamed.stdout).toMatch(/renamed OLD_NAME to NEW_NAME in your vault \((file|keychain) store\)/);
    expect(sb.backpack(["key", "list"]).stdout).toMatch(/NEW_NAME/);
    expect(sb.backpack(["key", "list"]).stdout).not.toMatch(/OLD_NAME/);
  });
});

/** Makes a zip with Python's own zipfile module (as the Python tool's export did); `script` adds entries to the ZipFile `z`. */
function pythonZip(zipPath: string, script: string): void {
  const r = spawnSync("python3", ["-c", `import zipfile\nwith zipfile.ZipFile(${JSON.stringify(zipPath)}, "w", zipfile.ZIP_DEFLATED) as z:\n${script.split("\n").map((l) => `    ${l}`).join("\n")}`], { cwd: sb.root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
}

describe("backpack import backpack_agent.zip (the Python tool's export)", () => {
  it("writes agent.lock and agent.py, offers to migrate, and migrates when the answer is yes", () => {
    use("credentials");
    writeFileSync(join(sb.root, "agent.py"), "print('agent')\n");
    pythonZip(join(sb.root, "backpack_agent.zip"), `z.write("agent.lock")\nz.write("agent.py")`);
    const declined = sb.backpack(["import", "backpack_agent.zip", "--dir", "kept"], { input: "n\n" });
    expect(declined.status, declined.stderr).toBe(0);
    expect(declined.stdout).toContain(`imported the Python tool's export backpack_agent.zip into ${join(sb.root, "kept")}: agent.lock, agent.py`);
    expect(declined.stderr).toMatch(/next: `backpack migrate .*kept\/agent\.lock`/);
    expect(readFileSync(join(sb.root, "kept", "agent.lock"), "utf8")).toBe(readFileSync(join(sb.root, "agent.lock"), "utf8"));

    const migrated = sb.backpack(["import", "backpack_agent.zip", "--dir", "agent"], { input: "y\n" });
    expect(migrated.status, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/migrated .*agent\/agent\.lock from format 1\.0 to format 3/);
    expect(readFileSync(join(sb.root, "agent", "agent.py"), "utf8")).toBe("print('agent')\n");
    const shown = sb.backpack(["show", "--json", "--file", join("agent", "agent.lock")]);
    expect(JSON.parse(shown.stdout).personality).toEqual(expected("credentials").layers.personality);
    assertNoSecrets([declined.stdout, declined.stderr, migrated.stdout, migrated.stderr], Object.values(expected("credentials").layers.credentials).filter((v) => v.length > 12));

    // Existing files are not replaced without --force.
    const again = sb.backpack(["import", "backpack_agent.zip", "--dir", "agent", "--non-interactive"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/agent\.lock, agent\.py already exist/);
  });

  it.each([
    ["a path outside the folder", `z.write("agent.lock")\nz.writestr("../escape.txt", "x")`, /invalid relative path|points outside/],
    ["an absolute path", `z.write("agent.lock")\nz.writestr(zipfile.ZipInfo("/tmp/backpack-abs.txt"), "x")`, /absolute path/],
    ["a symbolic link", `i = zipfile.ZipInfo("agent.py")\ni.external_attr = (0o120777 << 16)\nz.writestr(i, "/etc/passwd")\nz.write("agent.lock")`, /"agent\.py" is a symbolic link/],
    ["a folder", `z.write("agent.lock")\nz.writestr("lib/agent.py", "x")`, /is in a folder/],
    ["a name the export never writes", `z.write("agent.lock")\nz.writestr(".bashrc", "x")`, /holds "\.bashrc", which the Python tool's export never writes/],
    ["no agent.lock", `z.writestr("agent.py", "x")`, /holds no agent\.lock/],
    ["an agent.lock that is not one", `z.writestr("agent.lock", "not json")`, /its agent\.lock is not valid JSON/],
    ["an oversized entry", `z.write("agent.lock")\nz.writestr("requirements.txt", "a" * (2 * 1024 * 1024))`, /requirements\.txt would be 2097152 bytes \(at most 1048576\)/],
  ])("refuses an archive with %s, writing nothing", (_what, script, message) => {
    use("default");
    pythonZip(join(sb.root, "hostile.zip"), script);
    const r = sb.backpack(["import", "hostile.zip", "--dir", "out", "--non-interactive"]);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/hint: nothing was written/);
    expect(existsSync(join(sb.root, "out"))).toBe(false);
    expect(existsSync(join(sb.root, "escape.txt"))).toBe(false);
    expect(existsSync("/tmp/backpack-abs.txt")).toBe(false);
  });
});

describe("BACKPACK_LOG_LEVEL (the Python tool's variable)", () => {
  it("is read as BACKPACK_LOG when that is unset, in Python's level names; BACKPACK_LOG wins", () => {
    expect(sb.backpack(["init", "-q"]).status).toBe(0);
    expect(sb.backpack(["show"], { env: { BACKPACK_LOG_LEVEL: "DEBUG" } }).stderr).toMatch(/backpack debug:/);
    expect(sb.backpack(["show"], { env: { BACKPACK_LOG_LEVEL: "debug", BACKPACK_LOG: "error" } }).stderr).not.toMatch(/backpack debug:/);
    expect(sb.backpack(["show"], { env: { BACKPACK_LOG_LEVEL: "WARNING" } }).stderr).not.toMatch(/backpack (debug|info):/);
    expect(sb.backpack(["show"], { env: { BACKPACK_LOG_LEVEL: "LOUD" } }).stderr).toMatch(/BACKPACK_LOG_LEVEL names no log level; ignored/);
  });
});

describe("backpack rotate (the Python tool's command, for a file outside git)", () => {
  it("re-encrypts with a new passphrase, verified, keeping the old file as a backup; a Python 1.0 file too", () => {
    use("custom-passphrase");
    const old = expected("custom-passphrase") as unknown as { passphrase: string };
    const r = sb.backpack(["rotate", "--key-file", "agent.lock"], { env: { AGENT_MASTER_KEY: old.passphrase }, input: "a new passphrase" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^re-encrypted agent\.lock with the new key [0-9a-f]{16} \(now format 3: the Python tool cannot read it\), verified\n {2}backup \(opens with the old key\): .*agent\.lock\.rotate\.bak\n$/);
    expect(r.stderr).toMatch(/next: set AGENT_MASTER_KEY to the new passphrase wherever this agent runs/);
    assertNoSecrets([r.stdout, r.stderr], ["a new passphrase", old.passphrase]);
    const shown = sb.backpack(["show", "--json"], { env: { AGENT_MASTER_KEY: "a new passphrase" } });
    expect(shown.status, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).memory).toEqual(expected("custom-passphrase").layers.memory);
    expect(sb.backpack(["show"], { env: { AGENT_MASTER_KEY: old.passphrase } }).status).not.toBe(0);
    expect(readFileSync(join(sb.root, "agent.lock.rotate.bak"), "utf8")).toBe(readFileSync(join(FIXTURES, "custom-passphrase.agent.lock"), "utf8"));
  });

  it("refuses the same key, an empty one, and points to key rotate inside a repository", () => {
    expect(sb.backpack(["init", "-q"], { env: { AGENT_MASTER_KEY: "pass one" } }).status).toBe(0);
    const before = readFileSync(join(sb.root, "agent.lock"), "utf8");
    expect(sb.backpack(["rotate"], { env: { AGENT_MASTER_KEY: "pass one" }, input: "" }).stderr).toMatch(/the new key is empty/);
    expect(readFileSync(join(sb.root, "agent.lock"), "utf8")).toBe(before);
    const repo = sb.repo();
    expect(sb.backpack(["setup", "-q"], { cwd: repo }).status).toBe(0);
    expect(sb.backpack(["init", "-q"], { cwd: repo }).status).toBe(0);
    const inRepo = sb.backpack(["rotate"], { cwd: repo, input: "x" });
    expect(inRepo.status).toBe(2);
    expect(inRepo.stderr).toMatch(/hint: rotate that key with `backpack key rotate`/);
  });
});

describe("backpack key import --from-python (the Python tool's vault in the OS keychain)", () => {
  it.runIf(KEYCHAIN_MODE)("copies its keys (named in its _registry) into this vault, leaving names a shell cannot use and names held already", () => {
    const service = `backpack-python-${randomBytes(6).toString("hex")}`;
    const values = { OPENAI_API_KEY: "py-openai-value-0123456789", "2FA_SECRET": "py-totp-value-0123456789", GITHUB_TOKEN: "py-github-value-0123456789" };
    // As the Python tool's keychain.py stored them: account = name, plus the _registry account.
    const script = `const k = require("keytar"); const [s, v] = [process.argv[1], JSON.parse(process.argv[2])]; (async () => { for (const [n, x] of Object.entries(v)) await k.setPassword(s, n, x); await k.setPassword(s, "_registry", JSON.stringify(Object.fromEntries(Object.keys(v).map((n) => [n, true])))); })()`;
    const wrote = spawnSync(process.execPath, ["-e", script, service, JSON.stringify(values)], { cwd: PROJECT_ROOT, env: sb.env, encoding: "utf8" });
    expect(wrote.status, wrote.stderr).toBe(0);
    try {
      expect(sb.backpack(["key", "add", "GITHUB_TOKEN"], { input: "mine-already\n" }).status).toBe(0);
      const r = sb.backpack(["key", "import", "--from-python", "--service", service]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/imported from the Python tool's vault: OPENAI_API_KEY \(keychain store\)/);
      expect(r.stderr).toMatch(/left out "2FA_SECRET": not a name a shell can use/);
      expect(r.stderr).toMatch(/left out GITHUB_TOKEN: your vault holds it already/);
      assertNoSecrets([r.stdout, r.stderr], Object.values(values));
      expect(sb.backpack(["key", "list"]).stdout).toMatch(/OPENAI_API_KEY/);
      expect(sb.backpack(["init", "-q", "--credentials", "OPENAI_API_KEY"]).status).toBe(0);
      const run = sb.backpack(["run", "--non-interactive", "--", process.execPath, "-e", "console.log(process.env.OPENAI_API_KEY === 'py-openai-value-0123456789')"]);
      expect(run.stdout).toBe("true\n");
    } finally {
      const clean = `const k = require("keytar"); (async () => { for (const c of await k.findCredentials(process.argv[1])) await k.deletePassword(process.argv[1], c.account); })()`;
      spawnSync(process.execPath, ["-e", clean, service], { cwd: PROJECT_ROOT, env: sb.env });
    }
  });

  it.runIf(!KEYCHAIN_MODE)("says why when the OS keychain cannot be read", () => {
    const r = sb.backpack(["key", "import", "--from-python"]);
    expect(r.status).toBe(9);
    expect(r.stderr).toMatch(/cannot read the Python tool's vault: .*\nhint: the Python tool kept its keys in the OS keychain/);
  });
});

describe("where the Python tool behaved differently (each decided in docs/migrating-from-python.md)", () => {
  it("key remove of a missing name fails with exit 3 (a typo is not a success); key add over a name replaces it and says so", () => {
    const missing = sb.backpack(["key", "remove", "NOT_THERE"]);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toMatch(/NOT_THERE is not in your vault\nhint: see the names with `backpack key list`/);
    expect(sb.backpack(["key", "add", "SOME_KEY"], { input: "first-value\n" }).stdout).toMatch(/^stored SOME_KEY in your vault/);
    expect(sb.backpack(["key", "add", "SOME_KEY"], { input: "second-value\n" }).stdout).toMatch(/^replaced SOME_KEY in your vault/);
    expect(sb.backpack(["init", "-q", "--credentials", "SOME_KEY"]).status).toBe(0);
    const run = sb.backpack(["run", "--non-interactive", "--", process.execPath, "-e", "console.log(process.env.SOME_KEY === 'second-value')"]);
    expect(run.stdout).toBe("true\n");
  });

  it("`yes | backpack run` does not answer the consent question: piped stdin belongs to the agent", () => {
    expect(sb.backpack(["key", "add", "SOME_KEY"], { input: "vault-value\n" }).status).toBe(0);
    expect(sb.backpack(["init", "-q", "--credentials", "SOME_KEY"]).status).toBe(0);
    const probe = "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.stringify([process.env.SOME_KEY ?? null, s])))";
    const run = sb.backpack(["run", "--", process.execPath, "-e", probe], { input: "y\ny\n" });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([null, "y\ny\n"]);
    expect(run.stderr).toMatch(/not injected \(no terminal to ask for consent\): SOME_KEY/);
    expect(run.stderr).toMatch(/allow them with --non-interactive/);
  });
});
