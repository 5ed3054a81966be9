// Keychain pass (.ci/run): the vault and repo keys are the key store's own subject.
/**
 * `backpack key ...` through the built CLI: the vault (add, list, remove), the
 * hidden prompt on a real pseudo-terminal, and moving a repo key between two
 * machines (two sandboxes) with export and import. The store is the file store,
 * or the real OS keychain when BACKPACK_TEST_KEYCHAIN=1.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI, type Sandbox, STORE_NAME, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";
import { assertMatches, assertNoMatch, assertNoSecrets, assertSameSecret, hideSecrets } from "../helpers/secrets.js";
import { sandboxStore } from "../helpers/vault.js";
import { runOnTerminal } from "../helpers/pty.js";

const store = STORE_NAME;
const EXPORTED = /BACKPACK-KEY-1:[A-Za-z0-9_-]{43}/;

describe("the credentials vault", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  it("adds from stdin, lists names only with their store, removes", () => {
    const value = "vault-e2e-value-7Hq2";
    const add = sb.backpack(["key", "add", "OPENAI_API_KEY"], { input: `${value}\n` });
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toBe(`stored OPENAI_API_KEY in your vault (${store} store)\n`);
    expect(sb.backpack(["key", "add", "GITHUB_TOKEN"], { input: "other-value" }).status).toBe(0);

    const list = sb.backpack(["key", "list"]);
    expect(list.stdout).toBe(`GITHUB_TOKEN    (${store})\nOPENAI_API_KEY  (${store})\n`);
    expect(JSON.parse(sb.backpack(["key", "list", "--json"]).stdout)).toEqual([
      { name: "GITHUB_TOKEN", store },
      { name: "OPENAI_API_KEY", store },
    ]);
    assertNoSecrets([add.stdout, add.stderr, list.stdout, list.stderr], [value]);

    const remove = sb.backpack(["key", "remove", "OPENAI_API_KEY"]);
    expect(remove.status).toBe(0);
    expect(sb.backpack(["key", "list"]).stdout).toBe(`GITHUB_TOKEN  (${store})\n`);
    const again = sb.backpack(["key", "remove", "OPENAI_API_KEY"]);
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/OPENAI_API_KEY is not in your vault\nhint: /);
  });

  it("keeps an index of names beside the values (stores that cannot enumerate still list)", async () => {
    sb.backpack(["key", "add", "B_KEY"], { input: "b" });
    sb.backpack(["key", "add", "A_KEY"], { input: "a" });
    const stored = sandboxStore(sb);
    expect(JSON.parse((await stored.get("vault-index")) ?? "null")).toEqual(["A_KEY", "B_KEY"]);
    assertSameSecret(await stored.get("credential:A_KEY"), "a", "credential:A_KEY");
  });

  it("takes a value from argv only with --value, and warns that argv is visible", () => {
    const r = sb.backpack(["key", "add", "SLACK_TOKEN", "--value", "argv-value-xyz"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/visible to other users in `ps` and stays in your shell history/);
    assertNoSecrets([r.stdout, r.stderr], ["argv-value-xyz"]);
  });

  it("refuses a bad name and an empty value, storing nothing", () => {
    const bad = sb.backpack(["key", "add", "1-BAD"], { input: "x" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/"1-BAD" is not a valid credential name\nhint: /);
    const empty = sb.backpack(["key", "add", "EMPTY"], { input: "\n" });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/the value for EMPTY is empty/);
    expect(sb.backpack(["key", "list", "--json"]).stdout.trim()).toBe("[]");
  });

  it("asks for the value on a terminal without echoing it", async () => {
    const value = "typed-secret-9Zk4w";
    const r = runOnTerminal(process.execPath, [CLI, "key", "add", "TYPED_KEY"], { cwd: sb.root, env: sb.env, waitFor: "(not shown)", input: `${value}\r` });
    expect(r.status, hideSecrets(r.screen, [value])).toBe(0);
    expect(r.screen).toContain("Value for TYPED_KEY (not shown): ");
    expect(r.screen).toContain("stored TYPED_KEY in your vault");
    assertNoSecrets([r.screen], [value]);
    // The value stored is the one typed.
    assertSameSecret(await sandboxStore(sb).get("credential:TYPED_KEY"), value, "credential:TYPED_KEY");
  });

  it("names the subcommand meant", () => {
    const r = sb.backpack(["key", "lsit"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Did you mean list/);
  });
});

describe("moving the repo key to another machine", () => {
  let a: Sandbox;
  let b: Sandbox;
  beforeEach(() => {
    a = makeSandbox();
    b = makeSandbox();
  });
  afterEach(() => {
    a.cleanup();
    b.cleanup();
  });

  it("export (piped) on one machine, import (stdin) on another: the file opens there", () => {
    expect(a.backpack(["init", "--personality", "shared prompt"]).status).toBe(0);
    const exported = a.backpack(["key", "export"]);
    expect(exported.status, exported.stderr).toBe(0);
    assertMatches(exported.stdout, new RegExp(`^${EXPORTED.source}\\n$`), "the exported key");
    expect(exported.stderr).toMatch(/warning: this line unlocks every agent\.lock encrypted with key [0-9a-f]{16}/);
    assertNoMatch(exported.stderr, EXPORTED, "key export's stderr");

    writeFileSync(join(b.root, "agent.lock"), readFileSync(join(a.root, "agent.lock")));
    expect(b.backpack(["show"]).status).toBe(5);
    const imported = b.backpack(["key", "import"], { input: exported.stdout });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^imported key [0-9a-f]{16} into the \w+ store: made your default key\n$/);
    assertNoMatch(imported.stdout + imported.stderr, EXPORTED, "key import's output");
    const shown = b.backpack(["show", "--json"]);
    expect(shown.status, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).personality).toEqual({ system_prompt: "shared prompt", tone: "professional" });
  });

  it("inside a repository without a key, import records it as the repository's key", () => {
    const none = a.backpack(["key", "export"]);
    expect(none.status).toBe(5);
    expect(none.stderr).toMatch(/no key has been created yet/);
    expect(a.backpack(["init"]).status).toBe(0);
    const line = a.backpack(["key", "export"]).stdout;
    const repo = b.repo();
    const keyFile = join(b.root, "team.key");
    writeFileSync(keyFile, line);
    const r = b.backpack(["key", "import", keyFile], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/recorded as the repository's key/);
    const fingerprint = /key ([0-9a-f]{16})/.exec(r.stdout)?.[1];
    expect(b.git(["config", "backpack.key"], { cwd: repo }).stdout.trim()).toBe(fingerprint);
    const again = b.backpack(["key", "import", keyFile], { cwd: repo });
    expect(again.stdout).toMatch(/already the repository's key/);
  });

  it("refuses text that is not an exported key without echoing it", () => {
    const r = b.backpack(["key", "import"], { input: "my-secret-passphrase\n" });
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/not an exported backpack key/);
    assertNoSecrets([r.stdout, r.stderr], ["my-secret-passphrase"]);
    const damaged = b.backpack(["key", "import"], { input: "BACKPACK-KEY-1:abc\n" });
    expect(damaged.status).toBe(4);
    expect(damaged.stderr).toMatch(/damaged/);
  });

  it("never prints the key on a terminal unless asked; --output writes a 0600 file", () => {
    expect(a.backpack(["init"]).status).toBe(0);
    const onTty = runOnTerminal(process.execPath, [CLI, "key", "export"], { cwd: a.root, env: a.env });
    expect(onTty.status).toBe(2);
    expect(onTty.screen).toMatch(/refusing to print the key on a terminal/);
    assertNoMatch(onTty.screen, EXPORTED, "the terminal");

    const printed = runOnTerminal(process.execPath, [CLI, "key", "export", "--print"], { cwd: a.root, env: a.env });
    expect(printed.status).toBe(0);
    assertMatches(printed.screen, EXPORTED, "the terminal with --print");

    const out = join(a.root, "ci.key");
    const written = runOnTerminal(process.execPath, [CLI, "key", "export", "--output", out], { cwd: a.root, env: a.env });
    expect(written.status, written.screen).toBe(0);
    assertNoMatch(written.screen, EXPORTED, "the terminal with --output");
    assertMatches(readFileSync(out, "utf8"), new RegExp(`^${EXPORTED.source}\\n$`), "the key file");
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const exists = a.backpack(["key", "export", "--output", out]);
    expect(exists.status).toBe(2);
    expect(a.backpack(["key", "export", "--output", out, "--force"]).status).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it("the imported key works as AGENT_MASTER_KEY too (CI)", () => {
    expect(a.backpack(["init", "--personality", "ci prompt"]).status).toBe(0);
    const line = a.backpack(["key", "export"]).stdout.trim();
    writeFileSync(join(b.root, "agent.lock"), readFileSync(join(a.root, "agent.lock")));
    const r = b.backpack(["show", "--json"], { env: { AGENT_MASTER_KEY: line } });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).personality.system_prompt).toBe("ci prompt");
  });
});

describe("backpack key rotate", () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = makeSandbox();
  });
  afterEach(() => sb.cleanup());

  it("re-encrypts the repository's files, tells what it did, and the commit after it holds no plaintext", () => {
    const repo = sb.repo();
    expect(sb.backpack(["init", "seed.lock"]).status).toBe(0);
    const line = sb.backpack(["key", "export"]).stdout;
    expect(sb.backpack(["key", "import"], { cwd: repo, input: line }).status).toBe(0);
    const oldKey = sb.git(["config", "backpack.key"], { cwd: repo }).stdout.trim();
    expect(sb.backpack(["init", "--personality", "rotating prompt", "--credentials", "OPENAI_API_KEY"], { cwd: repo }).status).toBe(0);
    sb.git(["add", "agent.lock"], { cwd: repo });
    sb.git(["commit", "-qm", "agent"], { cwd: repo });

    const r = sb.backpack(["key", "rotate"], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    const newKey = sb.git(["config", "backpack.key"], { cwd: repo }).stdout.trim();
    expect(newKey).not.toBe(oldKey);
    expect(r.stdout).toContain(`new repository key ${newKey}`);
    expect(r.stdout).toContain("  agent.lock: re-encrypted\n");
    expect(r.stdout).toContain("staged again with the new key: agent.lock");
    expect(r.stdout).toContain(`kept the old key ${oldKey} as a backup`);
    expect(r.stderr).toMatch(/next: give the new key to your team and CI/);
    expect(readFileSync(join(repo, "agent.lock"), "utf8")).toContain(`"key": "${newKey}"`);
    sb.git(["commit", "-qm", "rotate"], { cwd: repo });
    expect(sb.git(["show", "HEAD:agent.lock"], { cwd: repo }).stdout).toContain(`"key": "${newKey}"`);
    // Old commits still open: the old key was kept.
    writeFileSync(join(sb.root, "old.lock"), sb.git(["show", "HEAD~1:agent.lock"], { cwd: repo }).stdout);
    expect(JSON.parse(sb.backpack(["show", "--json", join(sb.root, "old.lock")]).stdout).personality.system_prompt).toBe("rotating prompt");
    assertNoPlaintextInObjects(sb, repo, ["rotating prompt"]);
  });

  it("outside a repository: a GIT error (exit 8) saying where it works", () => {
    const r = sb.backpack(["key", "rotate"]);
    expect(r.status).toBe(8);
    expect(r.stderr).toMatch(/works inside a git repository\nhint: /);
  });
});
