// Keychain pass (.ci/run): the audit log's lines of key access.
/**
 * Logging and the audit log with the built CLI: levels from flags, the
 * environment and config files (in that order), the JSON log file, and the
 * audit lines of key access and agent.lock changes, none holding a value.
 */
import { trustRepo } from "../helpers/trust.js";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initAgent } from "../helpers/agent-files.js";
import { type Sandbox, STORE_NAME, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets, fakeSecret } from "../helpers/secrets.js";
import { putInVault } from "../helpers/vault.js";

function jsonLines(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("logging", () => {
  let sb: Sandbox;
  let userConfig: string;
  beforeEach(async () => {
    sb = makeSandbox();
    userConfig = join(sb.env.XDG_CONFIG_HOME as string, "backpack", "config.toml");
    mkdirSync(join(sb.env.XDG_CONFIG_HOME as string, "backpack"), { recursive: true });
    await initAgent(sb, join(sb.root, "agent.lock"), { credentials: ["OPENAI_API_KEY"] });
  });
  afterEach(() => sb.cleanup());

  const infoLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("backpack info:"));

  it("is quiet by default, and --verbose / BACKPACK_LOG / --quiet change it", () => {
    expect(infoLines(sb.backpack(["memory", "set", "a", "1"]).stderr)).toEqual([]);
    const verbose = sb.backpack(["--verbose", "memory", "set", "a", "2"]);
    expect(infoLines(verbose.stderr).join("\n")).toMatch(/agent\.lock written \(operation=update file=.*agent\.lock form=stored\)/);
    const debug = sb.backpack(["run", "--", "true"], { env: { BACKPACK_LOG: "debug" } });
    expect(debug.stderr).toMatch(/backpack debug: agent loaded \(operation=run .*form=stored credentials=1\)/);
    // --quiet hides run's report; the flag beats the environment.
    const quiet = sb.backpack(["--quiet", "run", "--", "true"], { env: { BACKPACK_LOG: "debug" } });
    expect(quiet.stderr).toBe("");
  });

  it("reads log_level from the user config, the repository's backpack.toml over it, the environment over both", () => {
    writeFileSync(userConfig, 'log_level = "info"\n');
    expect(infoLines(sb.backpack(["memory", "set", "a", "1"]).stderr)).toHaveLength(1);
    const repo = sb.repo();
    expect(sb.backpack(["init"], { cwd: repo }).status).toBe(0);
    writeFileSync(join(repo, "backpack.toml"), 'log_level = "error"\n');
    mkdirSync(join(repo, "sub"));
    expect(infoLines(sb.backpack(["memory", "set", "--file", "../agent.lock", "a", "1"], { cwd: join(repo, "sub") }).stderr)).toEqual([]);
    expect(infoLines(sb.backpack(["memory", "set", "a", "1"], { cwd: repo, env: { BACKPACK_LOG: "info" } }).stderr)).toHaveLength(1);
  });

  it("keeps working, with a warning, when a config file is broken", () => {
    writeFileSync(userConfig, "log_level = [broken\n");
    const r = sb.backpack(["memory", "set", "a", "1"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/backpack warn: logging settings ignored: .*config\.toml is not valid TOML/);
  });

  it("writes JSON lines to log_file, with context and without values", async () => {
    const secret = fakeSecret("sk-log");
    await putInVault(sb, "OPENAI_API_KEY", secret);
    const logFile = join(sb.root, "backpack.log");
    const r = sb.backpack(["--verbose", "run", "--non-interactive", "--", "true"], { env: { BACKPACK_LOG_FILE: logFile } });
    expect(r.status, r.stderr).toBe(0);
    const lines = jsonLines(logFile);
    expect(lines).toContainEqual(expect.objectContaining({ level: "info", message: "credential granted", operation: "run", key: "OPENAI_API_KEY", source: "vault" }));
    for (const line of lines) expect(typeof line.time).toBe("string");
    expect(statSync(logFile).mode & 0o777).toBe(0o600);
    assertNoSecrets([readFileSync(logFile, "utf8"), r.stderr], [secret]);
  });
});

describe("audit log", () => {
  let sb: Sandbox;
  let auditFile: string;
  let secret: string;
  beforeEach(async () => {
    sb = makeSandbox();
    auditFile = join(sb.root, "audit.jsonl");
    secret = fakeSecret("sk-audit");
    await initAgent(sb, join(sb.root, "agent.lock"), { name: "auditee", credentials: ["OPENAI_API_KEY", "ABSENT"] });
    await putInVault(sb, "OPENAI_API_KEY", secret);
  });
  afterEach(() => sb.cleanup());

  const audited = (args: string[], extra: NodeJS.ProcessEnv = {}, input?: string) => {
    const r = sb.backpack(args, { env: { BACKPACK_AUDIT_LOG: auditFile, ...extra }, input });
    expect(r.status, r.stderr).toBe(0);
    return r;
  };

  it("records key access by backpack run: name, source, outcome, command, agent", () => {
    audited(["run", "--non-interactive", "--", "true"]);
    audited(["run", "--", "true"]);
    const lock = join(sb.root, "agent.lock");
    const lines = jsonLines(auditFile);
    expect(lines).toEqual([
      expect.objectContaining({ event: "credential.access", name: "ABSENT", source: "missing", outcome: "missing", agent: lock, command: "backpack run" }),
      expect.objectContaining({ event: "credential.access", name: "OPENAI_API_KEY", source: "vault", outcome: "injected", agent: lock, command: "backpack run" }),
      expect.objectContaining({ event: "credential.access", name: "ABSENT", outcome: "missing" }),
      // No terminal to ask on: withheld.
      expect.objectContaining({ event: "credential.access", name: "OPENAI_API_KEY", source: "vault", outcome: "declined" }),
    ]);
    expect(statSync(auditFile).mode & 0o777).toBe(0o600);
    assertNoSecrets([readFileSync(auditFile, "utf8")], [secret]);
  });

  it("records which layers of which agent.lock changed", () => {
    const lock = join(sb.root, "agent.lock");
    audited(["memory", "set", "topic", "privacy"]);
    audited(["config", "personality", "--tone", "calm"]);
    audited(["memory", "set", "topic", "privacy"]);
    const lines = jsonLines(auditFile);
    expect(lines).toEqual([
      expect.objectContaining({ event: "agent_lock.write", file: lock, form: "stored", layers: ["memory"], created: false, command: "backpack memory set" }),
      expect.objectContaining({ event: "agent_lock.write", layers: ["personality"], command: "backpack config personality" }),
      // Setting the same value again changes nothing.
      expect.objectContaining({ event: "agent_lock.write", layers: [] }),
    ]);
    assertNoSecrets([readFileSync(auditFile, "utf8")], ["privacy", "calm"]);
  });

  it("records vault writes and removals (env import, key add, key remove) by name only", () => {
    const imported = fakeSecret("imported");
    writeFileSync(join(sb.root, ".env"), `NEW_KEY=${imported}\n`);
    audited(["env", "import", "--keep"]);
    const added = fakeSecret("added");
    audited(["key", "add", "ADDED_KEY"], {}, added);
    audited(["key", "remove", "ADDED_KEY"]);
    const lines = jsonLines(auditFile);
    expect(lines).toEqual([
      expect.objectContaining({ event: "credential.store", name: "NEW_KEY", store: STORE_NAME, command: "backpack env import" }),
      expect.objectContaining({ event: "agent_lock.write", layers: ["credentials"], command: "backpack env import" }),
      expect.objectContaining({ event: "credential.store", name: "ADDED_KEY", command: "backpack key add" }),
      expect.objectContaining({ event: "credential.remove", name: "ADDED_KEY", command: "backpack key remove" }),
    ]);
    assertNoSecrets([readFileSync(auditFile, "utf8")], [imported, added, secret]);
  });

  it("takes audit_log from backpack.toml, relative to the repository", () => {
    const repo = sb.repo();
    expect(sb.backpack(["init"], { cwd: repo }).status).toBe(0);
    writeFileSync(join(repo, "backpack.toml"), 'audit_log = "logs/audit.jsonl"\n');
    trustRepo(sb, repo); // audit_log applies from a repository only once trusted
    mkdirSync(join(repo, "logs"));
    mkdirSync(join(repo, "deep"));
    expect(sb.backpack(["memory", "set", "--file", "../agent.lock", "k", "v"], { cwd: join(repo, "deep") }).status).toBe(0);
    expect(jsonLines(join(repo, "logs/audit.jsonl"))).toEqual([expect.objectContaining({ event: "agent_lock.write", layers: ["memory"] })]);
  });
});
