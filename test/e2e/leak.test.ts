// Keychain pass (.ci/run): no command prints a secret it read from the key store.
/**
 * No command leaks a secret. Every registered command (and each `key`
 * sub-command) runs with --debug and BACKPACK_LOG=debug, logging to a file, in
 * a place full of known secrets: embedded credentials in agent.lock, values in
 * the vault, a format 1.0 file with embedded credentials, and the repo key
 * itself. None may appear on stdout, stderr or in the log (the one exception,
 * declared per case: `key export` prints the key on stdout, which is its job).
 *
 * The cases are a table keyed by command; a registered command without a case
 * fails the test, so a new command cannot skip it.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { exportRepoKey } from "../../src/core/key-material.js";
import type { WorkingForm } from "../../src/core/schema.js";
import { commands } from "../../src/cli/registry.js";
import { saveAgentFile } from "../../src/agent-file/agent-file.js";
import { openContext } from "../../src/git/context.js";
import { importKey } from "../../src/git/key-transfer.js";
import { Vault } from "../../src/keys/vault.js";
import { KEYCHAIN_MODE, PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";

interface World {
  sb: Sandbox;
  repo: string;
  /** The repo key as exported (`BACKPACK-KEY-1:...`). */
  keyLine: string;
  /** Every secret value in play; none may be printed. */
  secrets: string[];
}

interface LeakCase {
  args: (w: World) => string[];
  input?: (w: World) => string;
  env?: NodeJS.ProcessEnv;
  /** What the command prints on purpose on stdout (the exported key). */
  stdoutMayHoldKey?: boolean;
  /**
   * The command never opens the key store in this case (it needs no key, or stops before it reads
   * one): the keychain cannot change what it prints, so CI's keychain pass leaves it out (tagged
   * fresh-pass-only). Every run with the real keychain that runs it checks the claim.
   */
  opensNoStore?: true;
}

const secret = (label: string) => `${label}-${randomBytes(12).toString("base64url")}`;
const v1Secrets = Object.values(JSON.parse(readFileSync(join(PROJECT_ROOT, "fixtures/v1/credentials.expected.json"), "utf8")).layers.credentials as Record<string, string>).filter(
  (v) => v.length > 12 && !/^(placeholder|<|\$\{|your-)/.test(v),
);

/** Every command's cases. Add yours when you register a command. */
const CASES: Record<string, LeakCase[]> = {
  config: [{ args: () => ["config", "list", "--origin"], opensNoStore: true }, { args: () => ["config", "personality"] }, { args: () => ["config", "personality", "--tone", "calm"] }],
  env: [
    {
      args: (w) => {
        writeFileSync(join(w.repo, ".env"), `IMPORTED_KEY=${w.secrets[0]}\nVAULT_ONE=${w.secrets[1]}\n`);
        return ["env", "import", "--gitignore"];
      },
    },
    { args: () => ["env", "export", "exported.env"], opensNoStore: true },
  ],
  memory: [{ args: () => ["memory", "show"] }, { args: () => ["memory", "set", "topic", "rust"] }, { args: () => ["memory", "clear", "--yes"] }],
  run: [
    { args: () => ["run", "--non-interactive", "--", "true"] },
    { args: () => ["run", "--", "true"] },
    { args: () => ["run", "--non-interactive", "--pass-master-key", "--", "true"] },
    { args: () => ["run", "--non-interactive", "--file", "legacy/agent.lock", "--", "true"] },
    { args: () => ["run", "--non-interactive", "--file", "tampered/agent.lock", "--", "true"] },
  ],
  diff: [{ args: () => ["diff"] }, { args: () => ["diff", "HEAD", "HEAD"] }, { args: () => ["diff", "no-such-rev"], opensNoStore: true }],
  // (--show-secrets prints values on purpose, as `git diff` with textconv.show_secrets does.)
  log: [{ args: () => ["log"] }, { args: () => ["log", "--json"] }, { args: () => ["log", "--layer", "credentials"] }, { args: () => ["log", "no-such-file"], opensNoStore: true }],
  doctor: [{ args: () => ["doctor"] }],
  init: [{ args: () => ["init", "fresh/agent.lock", "--credentials", "OPENAI_API_KEY,DEPLOY_TOKEN", "--personality", "p"] }, { args: () => ["init"], opensNoStore: true }],
  "key add": [
    { args: () => ["key", "add", "PIPED_KEY"], input: (w) => w.secrets[0] as string },
    { args: (w) => ["key", "add", "ARGV_KEY", "--value", w.secrets[1] as string] },
  ],
  "key list": [{ args: () => ["key", "list"] }, { args: () => ["key", "list", "--json"] }],
  "key remove": [{ args: () => ["key", "remove", "VAULT_ONE"] }, { args: () => ["key", "remove", "NOT_THERE"] }],
  "key export": [{ args: () => ["key", "export"], stdoutMayHoldKey: true }, { args: () => ["key", "export", "--output", "exported.key"] }],
  "key import": [{ args: () => ["key", "import"], input: (w) => w.keyLine }, { args: () => ["key", "import"], input: (w) => `${w.keyLine.slice(0, -4)}\n`, opensNoStore: true }],
  "key rotate": [{ args: () => ["key", "rotate"] }, { args: () => ["key", "rotate", "--forget-old"] }],
  "key rename": [{ args: () => ["key", "rename", "VAULT_ONE", "VAULT_RENAMED"] }, { args: () => ["key", "rename", "OPENAI_API_KEY", "OPENAI_KEY"] }, { args: () => ["key", "rename", "NOT_THERE", "OTHER"] }],
  // In the repository it refuses (key rotate's job); the new passphrase never shows either way.
  rotate: [
    { args: () => ["rotate"], input: (w) => w.secrets[0] as string, opensNoStore: true },
    { args: (w) => ["rotate", "legacy/agent.lock", "--new-key", w.secrets[1] as string], opensNoStore: true },
  ],
  scan: [
    { args: () => ["scan"] },
    { args: () => ["scan", "--json"] },
    { args: () => ["scan", "--staged"] },
    { args: () => ["scan", "--history", "--json"] },
    { args: () => ["scan", "--baseline", "baseline.json", "--update-baseline"] },
  ],
  migrate: [
    { args: () => ["migrate", "legacy/agent.lock"] }, { args: () => ["migrate", "legacy/agent.lock"], env: { AGENT_MASTER_KEY: "wrong passphrase" }, opensNoStore: true },
    { args: () => ["migrate", "agent.lock"], opensNoStore: true },
  ],
  show: [{ args: () => ["show"] }, { args: () => ["show", "--json"] }, { args: () => ["show", "--layer", "credentials"] }, { args: () => ["show", "tampered/agent.lock"] }],
  validate: [{ args: () => ["validate"] }, { args: () => ["validate", "tampered/agent.lock"] }, { args: () => ["validate", "legacy/agent.lock"], opensNoStore: true }],
  version: [{ args: () => ["version"], opensNoStore: true }],
  trust: [
    { args: () => ["trust", "--list"], opensNoStore: true },
    { args: () => ["trust"], opensNoStore: true },
    { args: () => ["trust", "--revoke"], opensNoStore: true },
  ],
  identity: [{ args: () => ["identity"] }, { args: () => ["identity", "--json"] }],
  team: [{ args: () => ["team", "list"], opensNoStore: true }],
  setup: [{ args: () => ["setup"] }, { args: (w) => prepared(w, [["setup", "--no-hook", "--diff", "plain"]], ["setup", "--uninstall"]) }],
  status: [{ args: () => ["status"] }, { args: (w) => prepared(w, [["setup", "--no-hook"]], ["status", "--json"]) }],
  unlock: [
    { args: () => ["unlock"], opensNoStore: true },
    {
      args: (w) => {
        writeFileSync(join(w.repo, "team.key"), `${w.keyLine}\n`);
        return prepared(w, [["setup", "--no-hook"], ["lock"]], ["unlock", "--key-file", "team.key"]);
      },
    },
  ],
  lock: [{ args: (w) => prepared(w, [["setup", "--no-hook"]], ["lock"]) }],
  verify: [{ args: () => ["verify"] }, { args: () => ["verify", "--all", "--json"] }, { args: () => ["verify", "HEAD"] }],
  info: [{ args: () => ["info"] }, { args: () => ["info", "--json"] }, { args: () => ["info", "tampered/agent.lock"] }, { args: () => ["info", "legacy/agent.lock"] }],
  export: [
    { args: () => ["export", "out.backpack", "--passphrase-env", "BUNDLE_PASS"], env: { BUNDLE_PASS: "leak test passphrase" } },
    { args: () => ["export", "-", "--passphrase-env", "BUNDLE_PASS"], env: { BUNDLE_PASS: "leak test passphrase" } },
    { args: () => ["export", "piped.backpack"], input: () => "leak test passphrase\n" },
  ],
  import: [
    {
      args: (w) => {
        const made = w.sb.backpack(["export", "in.backpack", "--passphrase-env", "BUNDLE_PASS"], { cwd: w.repo, env: { BUNDLE_PASS: "leak test passphrase" } });
        if (made.status !== 0) throw new Error(`export for the import case failed: ${made.status}`);
        return ["import", "in.backpack", "--dir", "imported"];
      },
      input: () => "leak test passphrase\n",
    },
    { args: (w) => (w.sb.backpack(["export", "in.backpack", "--passphrase-env", "P"], { cwd: w.repo, env: { P: "leak test passphrase" } }), ["import", "in.backpack", "--dir", "x"]), input: () => "wrong passphrase\n", opensNoStore: true },
  ],
  quickstart: [{ args: () => ["quickstart", "--non-interactive", "--dir", "qs", "--credentials", "VAULT_ONE,OPENAI_API_KEY"] }],
  template: [{ args: () => ["template", "list"], opensNoStore: true }, { args: () => ["template", "use", "twitter_bot", "--dir", "tb"] }],
  // The tutorial's steps run in a workspace of their own (own HOME, keychain off), where none of
  // this world's secrets are; quitting at the first step covers what it does here.
  // (test/e2e/tutorial.test.ts runs every step.)
  tutorial: [{ args: () => ["tutorial"], input: () => "q\n", opensNoStore: true }],
  demo: [{ args: () => ["demo", "--fast"], opensNoStore: true }],
};

/** Runs backpack commands to prepare a case (e.g. wire the repository first), then gives the case's arguments. */
function prepared(w: World, steps: string[][], args: string[]): string[] {
  for (const step of steps) {
    const r = w.sb.backpack(step, { cwd: w.repo });
    if (r.status !== 0) throw new Error(`preparing the case: backpack ${step.join(" ")} failed (${r.status})`);
  }
  return args;
}

/** "init", "key add", ...: every command path the registry declares. */
function registeredCommands(): string[] {
  const head = (c: { command?: string | readonly string[] }) => String(Array.isArray(c.command) ? c.command[0] : c.command).split(" ")[0] as string;
  return commands.flatMap((c) => {
    const subs = (c as { subcommands?: Array<{ command?: string }> }).subcommands;
    return subs ? subs.map((s) => `${head(c)} ${head(s)}`) : [head(c)];
  });
}

async function makeWorld(): Promise<World> {
  const sb = makeSandbox();
  const repo = sb.repo("project");
  const env = sb.env;
  const keyLine = exportRepoKey(randomBytes(32));
  await importKey(openContext(repo, env), keyLine);
  const key = await openContext(repo, env).resolver.defaultKey();
  const embedded = [secret("embedded-openai"), secret("embedded-deploy")];
  const vaulted = [secret("vault-one"), secret("vault-two")];
  const doc: WorkingForm = {
    version: 2,
    agent: { name: "leaky" },
    credentials: { OPENAI_API_KEY: { source: "embedded", value: embedded[0] as string }, DEPLOY_TOKEN: { source: "embedded", value: embedded[1] as string }, VAULT_ONE: { source: "vault" } },
    personality: { system_prompt: "You never print secrets." },
    memory: { note: "remember nothing" },
  };
  saveAgentFile(join(repo, "agent.lock"), doc, { form: "stored", repoKey: key });
  mkdirSync(join(repo, "tampered"));
  const tampered = readFileSync(join(repo, "agent.lock"), "utf8").replace(/("credentials": "v2\.j\.)(.)/, (_m, p: string, c: string) => `${p}${c === "A" ? "B" : "A"}`);
  writeFileSync(join(repo, "tampered/agent.lock"), tampered);
  mkdirSync(join(repo, "legacy"));
  copyFileSync(join(PROJECT_ROOT, "fixtures/v1/credentials.agent.lock"), join(repo, "legacy/agent.lock"));
  const vault = new Vault(openContext(repo, env).sources);
  await vault.add("VAULT_ONE", vaulted[0] as string);
  await vault.add("VAULT_TWO", vaulted[1] as string);
  sb.git(["add", "agent.lock"], { cwd: repo });
  sb.git(["commit", "-qm", "agent"], { cwd: repo });
  // Known secrets where the scanner will find them: plain, base64 and in a .env, staged.
  mkdirSync(join(repo, "notes"));
  writeFileSync(join(repo, "notes/pasted.txt"), `${vaulted[0]}\n${Buffer.from(`u:${vaulted[1]}`).toString("base64")}\n`);
  writeFileSync(join(repo, "notes/.env"), `DEPLOY_TOKEN=${embedded[1]}\n`);
  sb.git(["add", "notes"], { cwd: repo });
  const raw = Buffer.from(keyLine.slice("BACKPACK-KEY-1:".length), "base64url");
  return {
    sb,
    repo,
    keyLine,
    // Two fresh values first: the cases that add to the vault use them.
    secrets: [secret("piped"), secret("argv"), ...embedded, ...vaulted, ...v1Secrets, keyLine.slice("BACKPACK-KEY-1:".length), raw.toString("base64"), raw.toString("hex")],
  };
}

describe("no command prints or logs a secret", () => {
  it("every registered command has a case in the table (add yours to CASES)", () => {
    const missing = registeredCommands().filter((name) => !CASES[name]);
    expect(missing, `no leak-test case for: ${missing.join(", ")}`).toEqual([]);
    const stale = Object.keys(CASES).filter((name) => !registeredCommands().includes(name));
    expect(stale, `cases for commands that are not registered: ${stale.join(", ")}`).toEqual([]);
  });

  let world: World;
  let logged = 0;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(() => world.sb.cleanup());
  afterAll(() => {
    // The log checks below must have looked at something.
    expect(logged).toBeGreaterThan(0);
  });

  const rows = Object.entries(CASES).flatMap(([name, cases]) => cases.map((c, i) => ({ name: `${name} #${i + 1}`, c })));
  const leakCase = ({ name, c }: { name: string; c: LeakCase }) => {
    const logFile = join(world.sb.root, "debug.log");
    const args = [...c.args(world), "--debug"];
    const r = world.sb.backpack(args, { cwd: world.repo, input: c.input?.(world) ?? "", env: { ...c.env, BACKPACK_LOG: "debug", BACKPACK_LOG_FILE: logFile } });
    // The case's name, not its arguments: some arguments are the secrets this test guards.
    expect(r.status, `internal error from backpack (${name})`).not.toBe(70);
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
    if (log) logged++;
    const streams: Array<[string, string]> = [["stderr", r.stderr], ["log", log]];
    if (!c.stdoutMayHoldKey) streams.push(["stdout", r.stdout]);
    else streams.push(["stdout", r.stdout.replace(world.keyLine, "")]);
    for (const [stream, text] of streams) {
      world.secrets.forEach((value, index) => {
        // Name the secret by index and length, never by value.
        expect(text.includes(value), `secret #${index} (length ${value.length}) appeared on ${stream}`).toBe(false);
      });
    }
    // With the real keychain, the store opened (the key store logs which keychain module it uses, or why none)
    // exactly when the case does not say it never does.
    if (KEYCHAIN_MODE) expect(/OS keychain/.test(log), `${name} opened the key store`).toBe(!c.opensNoStore);
    rmSync(logFile, { force: true });
  };
  it.each(rows.filter((row) => !row.c.opensNoStore))("$name", leakCase);
  it.each(rows.filter((row) => row.c.opensNoStore))("$name", { tags: ["fresh-pass-only"] }, leakCase);
});
