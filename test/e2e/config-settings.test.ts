// Keychain pass (.ci/run): keychain_service names the service keys are stored under.
/**
 * The settings of backpack.toml where they apply, through the built CLI and
 * git: master_key_env (filters, textconv, the hook, setup, run), kdf.* (new
 * passphrase salts), keychain_service (the key sources) and
 * textconv.show_secrets (`backpack diff`). And the start-up rule: with a
 * config file present, smudge, textconv and the pre-commit hook still load
 * no zod.
 */
import { trustRepo } from "../helpers/trust.js";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { encryptWorkingForm, parseAgentLock, serializeStoredForm } from "../../src/core/agent-lock.js";
import { exportRepoKey, newRepoKey } from "../../src/core/key-material.js";
import { openContext } from "../../src/git/context.js";
import { KeychainKeySource } from "../../src/keys/keychain-source.js";
import { agentFile } from "../helpers/agent-files.js";
import { runWithout } from "../helpers/load-guards.js";
import { sandboxRepoPerTest } from "../helpers/per-test.js";
import { CLI, type Sandbox, assertNoPlaintextInObjects } from "../helpers/sandbox.js";

let sb: Sandbox;
let repo: string;
sandboxRepoPerTest((s, r) => ((sb = s), (repo = r)));

/** Writes backpack.toml and trusts it (`backpack trust`): these settings apply from a repository only once trusted. */
const toml = (text: string) => {
  writeFileSync(join(repo, "backpack.toml"), text);
  trustRepo(sb, repo);
};

const withoutZod = (args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) => runWithout(sb, ["zod"], ["git", ...args], { cwd: repo, ...options });

describe("backpack.toml settings where they apply", () => {
  it("master_key_env names the variable smudge, textconv and the hook read, and none of them loads zod", () => {
    const key = newRepoKey(randomBytes(32));
    const exported = exportRepoKey(key.key);
    const file = agentFile("configured");
    const parsed = parseAgentLock(file.text);
    if (parsed.form !== "working") throw new Error("fixture is not a working form");
    const stored = serializeStoredForm(encryptWorkingForm(parsed.doc, key));
    toml('master_key_env = "TEAM_KEY"\n[scan]\nallow_paths = ["docs/**"]\n');

    // smudge finds the key in TEAM_KEY, and no longer in AGENT_MASTER_KEY.
    const smudge = withoutZod(["smudge", "agent.lock"], { input: stored, env: { TEAM_KEY: exported } });
    expect(smudge.status, smudge.stderr).toBe(0);
    expect(smudge.stdout.startsWith('{\n  "version": 2')).toBe(true);
    const ignored = withoutZod(["smudge", "agent.lock"], { input: stored, env: { AGENT_MASTER_KEY: exported } });
    expect(ignored.stdout).toBe(stored);
    expect(ignored.stderr).toMatch(/stays locked/);
    // The hint names the variable in use.
    expect(ignored.stderr).toMatch(/hint: .*set TEAM_KEY to that line/);
    expect(ignored.stderr).not.toMatch(/AGENT_MASTER_KEY/);

    writeFileSync(join(sb.root, "stored.lock"), stored);
    const textconv = withoutZod(["textconv", join(sb.root, "stored.lock")]);
    expect(textconv.status, textconv.stderr).toBe(0);

    // The hook knows TEAM_KEY's value as a secret (and reads the allow-list) without zod.
    writeFileSync(join(repo, "deploy.sh"), `export TEAM_KEY=${exported}\n`);
    writeFileSync(join(repo, "docs.txt"), "nothing to see\n");
    sb.git(["add", "deploy.sh", "docs.txt"], { cwd: repo });
    const hook = withoutZod(["pre-commit"], { env: { TEAM_KEY: exported } });
    expect(hook.status).toBe(7);
    expect(hook.stderr).toMatch(/deploy\.sh:1/);
    expect(hook.stderr).not.toMatch(/zod loaded|internal error/);
    expect(hook.stderr.includes(exported)).toBe(false);
  });

  it("master_key_env is the variable the unlock hints of setup, status and unlock name", () => {
    // A clone whose key is elsewhere: the files stay locked, and every hint says TEAM_KEY.
    const key = newRepoKey(randomBytes(32));
    const parsed = parseAgentLock(agentFile("hinted").text);
    if (parsed.form !== "working") throw new Error("fixture is not a working form");
    writeFileSync(join(repo, "agent.lock"), serializeStoredForm(encryptWorkingForm(parsed.doc, key)));
    toml('master_key_env = "TEAM_KEY"\n');
    sb.git(["add", "agent.lock", "backpack.toml"], { cwd: repo });
    sb.git(["commit", "-qm", "locked agent"], { cwd: repo });
    const setup = sb.backpack(["setup", "--no-hook"], { cwd: repo });
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stderr).toMatch(/stay locked: key [0-9a-f]{16} is not on this machine\nhint: .*set TEAM_KEY to that line/);
    const status = sb.backpack(["status"], { cwd: repo });
    expect(status.stdout + status.stderr).toMatch(/to unlock: .*set TEAM_KEY to that line/);
    const unlock = sb.backpack(["unlock"], { cwd: repo });
    expect(unlock.status).not.toBe(0);
    expect(unlock.stderr).toMatch(/stay locked[^\n]*\nhint: .*set TEAM_KEY to that line/);
    for (const out of [setup, status, unlock]) expect(out.stdout + out.stderr).not.toMatch(/AGENT_MASTER_KEY/);
  });

  it("setup takes the passphrase from master_key_env and salts it with the kdf.* cost", () => {
    toml('master_key_env = "TEAM_PASSPHRASE"\n[kdf]\nlog_n = 11\nr = 4\n');
    const r = sb.backpack(["setup", "--no-hook"], { cwd: repo, env: { TEAM_PASSPHRASE: "correct horse battery staple" } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/from the passphrase in TEAM_PASSPHRASE \(new salt recorded\)/);
    expect(sb.git(["config", "backpack.kdf"], { cwd: repo }).stdout).toMatch(/^scrypt:11:4:1:[A-Za-z0-9_-]{22}\n$/);

    // The files written there open with the same passphrase, read from the configured variable.
    const file = agentFile("salted");
    writeFileSync(join(repo, "agent.lock"), file.text);
    const passphrase = { TEAM_PASSPHRASE: "correct horse battery staple" };
    sb.git(["add", "agent.lock", ".gitattributes"], { cwd: repo, env: passphrase });
    // commit may run the clean filter again (a file written in the same second as the index is "racily clean").
    sb.git(["commit", "-qm", "agent"], { cwd: repo, env: passphrase });
    const blob = sb.git(["cat-file", "blob", "HEAD:agent.lock"], { cwd: repo }).stdout;
    expect(blob).toMatch(/"logN":11,"r":4,"p":1/);
    assertNoPlaintextInObjects(sb, repo, file.secrets);
    const show = sb.backpack(["show", "--json"], { cwd: repo, env: passphrase });
    expect(show.status, show.stderr).toBe(0);
  });

  it("keychain_service names the keychain entries (the environment variable still wins)", () => {
    toml('keychain_service = "team-agents"\n');
    // Probing is lazy: the source can be inspected without a keychain running.
    const env: NodeJS.ProcessEnv = { ...sb.env, BACKPACK_KEYCHAIN: "on" };
    delete env.BACKPACK_KEYCHAIN_SERVICE;
    const keychain = openContext(repo, env).sources.find((s) => s instanceof KeychainKeySource);
    expect(keychain?.service).toBe("team-agents");
    const overridden = openContext(repo, { ...env, BACKPACK_KEYCHAIN_SERVICE: "one-off" }).sources.find((s) => s instanceof KeychainKeySource);
    expect(overridden?.service).toBe("one-off");
  });

  it("`backpack diff` follows textconv.show_secrets; the flag wins either way", () => {
    expect(sb.backpack(["setup", "--no-hook"], { cwd: repo }).status).toBe(0);
    const file = agentFile("differ");
    writeFileSync(join(repo, "agent.lock"), file.text);
    sb.git(["add", "agent.lock", ".gitattributes"], { cwd: repo });
    sb.git(["commit", "-qm", "agent"], { cwd: repo });
    const secret = file.secrets[0] as string;
    const changed = parseAgentLock(file.text);
    if (changed.form !== "working") throw new Error("fixture is not a working form");
    changed.doc.credentials.API_TOKEN = { source: "embedded", value: `${secret}-rotated` };
    writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(changed.doc, null, 2)}\n`);

    const shown = (args: string[]) => {
      const r = sb.backpack(["diff", ...args], { cwd: repo });
      expect(r.status).toBe(0);
      return r.stdout.includes(secret);
    };
    expect(shown([])).toBe(false);
    toml("[textconv]\nshow_secrets = true\n");
    expect(shown([])).toBe(true);
    expect(shown(["--no-show-secrets"])).toBe(false);
    toml("[textconv]\nshow_secrets = false\n");
    expect(shown(["--show-secrets"])).toBe(true);
    assertNoPlaintextInObjects(sb, repo, file.secrets);
  });

  it("doctor names the settings each file sets and reports a broken file; commands go on with the defaults, warning", () => {
    toml('master_key_env = "TEAM_KEY"\n[kdf]\nlog_n = 12\n');
    const good = JSON.parse(sb.backpack(["doctor", "--json"], { cwd: repo }).stdout) as { checks: { label: string; ok: boolean; detail: string }[] };
    expect(good.checks.find((c) => c.label === "backpack.toml")).toMatchObject({ ok: true, detail: expect.stringMatching(/backpack\.toml: sets master_key_env, kdf\.log_n$/) });
    expect(good.checks.find((c) => c.label === "1. environment")?.detail).toBe("TEAM_KEY is not set");
    toml("[kdf]\nlog_n = 99\n");
    const r = sb.backpack(["doctor", "--json"], { cwd: repo });
    expect(r.status).toBe(1);
    const bad = JSON.parse(r.stdout) as { checks: { label: string; ok: boolean; detail: string }[] };
    expect(bad.checks.find((c) => c.label === "backpack.toml")).toMatchObject({ ok: false, detail: expect.stringMatching(/backpack\.toml: kdf\.log_n: .*22/) });
    // Other commands go on with the default key settings, naming the file.
    const status = sb.backpack(["status"], { cwd: repo });
    expect(status.status, status.stderr).toBe(0);
    expect(status.stderr).toMatch(/backpack\.toml: kdf\.log_n: expected an integer from 10 to 22; using the default key settings/);
  });
});

describe("the user's config folder", () => {
  it("is never found through a relative HOME or XDG_CONFIG_HOME: those would make a repository's own files the user's config", () => {
    // git runs backpack at the top of the work tree: HOME=. would read ./.config/backpack/config.toml, a
    // file a cloned repository can ship, with the user's powers (key_command runs a command).
    mkdirSync(join(repo, ".config", "backpack"), { recursive: true });
    writeFileSync(join(repo, ".config", "backpack", "config.toml"), 'log_level = "debug"\nkey_command = "touch pwned"\n');
    mkdirSync(join(repo, "cfg", "backpack"), { recursive: true });
    writeFileSync(join(repo, "cfg", "backpack", "config.toml"), 'log_level = "debug"\n');
    for (const env of [{ HOME: "." }, { XDG_CONFIG_HOME: "cfg" }, { HOME: ".", XDG_CONFIG_HOME: "cfg" }]) {
      const r = sb.backpack(["config", "list"], { cwd: repo, env });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^log_level = warn$/m);
      expect(r.stdout).toMatch(/^key_command = $/m);
    }
    // An absolute XDG_CONFIG_HOME is the config folder, as the XDG rules say.
    const absolute = sb.backpack(["config", "list"], { cwd: repo, env: { XDG_CONFIG_HOME: join(repo, "cfg") } });
    expect(absolute.stdout).toMatch(/^log_level = debug$/m);
  });

  it.skipIf(process.platform === "win32" || process.getuid?.() !== 0 || !existsSync("/usr/bin/setpriv"))(
    "with no home at all (HOME unset, an account without a password entry), says so with a hint: no internal error",
    () => {
      const env = Object.fromEntries(Object.entries(sb.env).filter(([name]) => !["HOME", "XDG_CONFIG_HOME"].includes(name)));
      chmodSync(sb.root, 0o755);
      chmodSync(repo, 0o755);
      // That account may not read the project's folder (CI clones it into a private temporary folder):
      // it runs a copy of the built CLI from the sandbox.
      const copy = join(sb.root, "package");
      for (const part of ["bin", "dist", "package.json"]) cpSync(join(dirname(dirname(CLI)), part), join(copy, part), { recursive: true });
      const r = spawnSync("/usr/bin/setpriv", ["--reuid=48612", "--regid=48612", "--clear-groups", process.execPath, join(copy, "bin", "backpack.js"), "config", "list"], { cwd: repo, env, encoding: "utf8" });
      expect(r.stderr).toMatch(/no home folder/);
      expect(r.stderr).toMatch(/hint: set HOME/);
      expect(r.stderr).not.toMatch(/ at \S+:\d+:\d+/);
      expect(r.status).toBe(11);
    },
  );
});
