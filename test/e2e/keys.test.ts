/**
 * `backpack key ...` through the built CLI: the vault (add, list, remove), the
 * hidden prompt on a real pseudo-terminal, and moving a repo key between two
 * machines (two sandboxes) with export and import. The store is the file store,
 * or the real OS keychain when BACKPACK_TEST_KEYCHAIN=1.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI, type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";
import { runOnTerminal } from "../helpers/pty.js";

const store = process.env.BACKPACK_TEST_KEYCHAIN === "1" ? "keychain" : "file";
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
    for (const r of [add, list]) expect(r.stdout + r.stderr).not.toContain(value);

    const remove = sb.backpack(["key", "remove", "OPENAI_API_KEY"]);
    expect(remove.status).toBe(0);
    expect(sb.backpack(["key", "list"]).stdout).toBe(`GITHUB_TOKEN  (${store})\n`);
    const again = sb.backpack(["key", "remove", "OPENAI_API_KEY"]);
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/OPENAI_API_KEY is not in your vault\nhint: /);
  });

  it.runIf(store === "file")("keeps an index of names beside the values (stores that cannot enumerate still list)", () => {
    sb.backpack(["key", "add", "B_KEY"], { input: "b" });
    sb.backpack(["key", "add", "A_KEY"], { input: "a" });
    const accounts = JSON.parse(readFileSync(join(sb.home, ".config/backpack/keys.json"), "utf8")).accounts;
    expect(JSON.parse(accounts["vault-index"])).toEqual(["A_KEY", "B_KEY"]);
    expect(accounts["credential:A_KEY"]).toBe("a");
  });

  it("takes a value from argv only with --value, and warns that argv is visible", () => {
    const r = sb.backpack(["key", "add", "SLACK_TOKEN", "--value", "argv-value-xyz"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/visible to other users in `ps` and stays in your shell history/);
    expect(r.stdout + r.stderr).not.toContain("argv-value-xyz");
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

  it("asks for the value on a terminal without echoing it", () => {
    const value = "typed-secret-9Zk4w";
    const r = runOnTerminal(process.execPath, [CLI, "key", "add", "TYPED_KEY"], { cwd: sb.root, env: sb.env, waitFor: "(not shown)", input: `${value}\r` });
    expect(r.status, r.screen).toBe(0);
    expect(r.screen).toContain("Value for TYPED_KEY (not shown): ");
    expect(r.screen).toContain("stored TYPED_KEY in your vault");
    expect(r.screen).not.toContain(value);
    // The value stored is the one typed: `key export`-style proof without printing it here.
    if (store === "file") {
      expect(JSON.parse(readFileSync(join(sb.home, ".config/backpack/keys.json"), "utf8")).accounts["credential:TYPED_KEY"]).toBe(value);
    }
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
    expect(exported.stdout).toMatch(new RegExp(`^${EXPORTED.source}\\n$`));
    expect(exported.stderr).toMatch(/warning: this line unlocks every agent\.lock encrypted with key [0-9a-f]{16}/);
    expect(exported.stderr).not.toMatch(EXPORTED);

    writeFileSync(join(b.root, "agent.lock"), readFileSync(join(a.root, "agent.lock")));
    expect(b.backpack(["show"]).status).toBe(5);
    const imported = b.backpack(["key", "import"], { input: exported.stdout });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^imported key [0-9a-f]{16} into the \w+ store: made your default key\n$/);
    expect(imported.stdout + imported.stderr).not.toMatch(EXPORTED);
    const shown = b.backpack(["show", "--json"]);
    expect(shown.status, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).personality).toEqual({ system_prompt: "shared prompt" });
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
    expect(r.stdout + r.stderr).not.toContain("my-secret-passphrase");
    const damaged = b.backpack(["key", "import"], { input: "BACKPACK-KEY-1:abc\n" });
    expect(damaged.status).toBe(4);
    expect(damaged.stderr).toMatch(/damaged/);
  });

  it("never prints the key on a terminal unless asked; --output writes a 0600 file", () => {
    expect(a.backpack(["init"]).status).toBe(0);
    const onTty = runOnTerminal(process.execPath, [CLI, "key", "export"], { cwd: a.root, env: a.env });
    expect(onTty.status).toBe(2);
    expect(onTty.screen).toMatch(/refusing to print the key on a terminal/);
    expect(onTty.screen).not.toMatch(EXPORTED);

    const printed = runOnTerminal(process.execPath, [CLI, "key", "export", "--print"], { cwd: a.root, env: a.env });
    expect(printed.status).toBe(0);
    expect(printed.screen).toMatch(EXPORTED);

    const out = join(a.root, "ci.key");
    const written = runOnTerminal(process.execPath, [CLI, "key", "export", "--output", out], { cwd: a.root, env: a.env });
    expect(written.status, written.screen).toBe(0);
    expect(written.screen).not.toMatch(EXPORTED);
    expect(readFileSync(out, "utf8")).toMatch(new RegExp(`^${EXPORTED.source}\\n$`));
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
