// Keychain pass (.ci/run): info reports vault values by the store that holds them.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkingForm } from "../../src/core/schema.js";
import { saveAgent } from "../helpers/agent-files.js";
import { PROJECT_ROOT, type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets } from "../helpers/secrets.js";
import { putInVault } from "../helpers/vault.js";

const EMBEDDED = "sk-proj-FAKEinfoEmbedded0123456789abcdefABCDEF";
const FROM_ENV = "fake-env-value-0123456789";
const IN_VAULT = "fake-vault-value-9876543210";

describe("backpack info", () => {
  // Every test only reads: one sandbox for all.
  let sb: Sandbox;
  beforeAll(async () => {
    sb = makeSandbox();
    const doc: WorkingForm = {
      version: 2,
      agent: { name: "analyst", template: "financial_analyst" },
      credentials: {
        OPENAI_API_KEY: { source: "vault" },
        GITHUB_TOKEN: { source: "vault" },
        DEPLOY_TOKEN: { source: "embedded", value: EMBEDDED },
        SLACK_TOKEN: { source: "vault" },
      },
      personality: { system_prompt: "You are careful." },
      memory: { a: 1, b: [1, 2], c: { d: true } },
    };
    writeFileSync(join(sb.root, "working.lock"), `${JSON.stringify(doc, null, 2)}\n`);
    // The stored form of the same agent, under this machine's default key.
    mkdirSync(join(sb.root, "st"));
    await saveAgent(sb, join(sb.root, "st/agent.lock"), doc);
    // One credential in the vault, one in the environment (per test).
    await putInVault(sb, "SLACK_TOKEN", IN_VAULT);
  });
  afterAll(() => sb.cleanup());

  it("names every credential with where run would take it from, and never a value", () => {
    const r = sb.backpack(["info", "st/agent.lock"], { env: { GITHUB_TOKEN: FROM_ENV } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^st\/agent\.lock\n {2}agent {8}analyst \(template financial_analyst\)\n {2}form {9}stored form \(encrypted\)\n {2}key {10}[0-9a-f]{16}\n/);
    expect(r.stdout).toMatch(/credentials {2}DEPLOY_TOKEN {4}embedded\n {15}GITHUB_TOKEN {4}environment\n {15}OPENAI_API_KEY {2}missing: backpack key add OPENAI_API_KEY\n {15}SLACK_TOKEN {5}vault\n/);
    expect(r.stdout).toMatch(/memory {7}3 entries\n$/);
    assertNoSecrets([r.stdout, r.stderr], [EMBEDDED, FROM_ENV, IN_VAULT]);
  });

  it("gives sizes and counts as JSON, for the working form too", () => {
    const stored = JSON.parse(sb.backpack(["info", "st/agent.lock", "--json"]).stdout);
    const working = JSON.parse(sb.backpack(["info", "working.lock", "--json"]).stdout);
    expect(working.form).toBe("working");
    expect(working.key).toEqual({ unlocked: true });
    expect(stored.form).toBe("stored");
    expect(stored.key.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    // Same agent, same plaintext sizes; the stored form adds ciphertext sizes.
    expect(stored.layers.map((l: { bytes: number }) => l.bytes)).toEqual(working.layers.map((l: { bytes: number }) => l.bytes));
    expect(working.layers[2]).toEqual({ layer: "memory", bytes: JSON.stringify({ a: 1, b: [1, 2], c: { d: true } }).length, entries: 3 });
    for (const layer of stored.layers) expect(layer.encryptedBytes).toBeGreaterThan(layer.bytes);
    expect(stored.memoryEntries).toBe(3);
    expect(working.credentials.map((c: { name: string; from: string }) => `${c.name}:${c.from}`)).toEqual([
      "DEPLOY_TOKEN:embedded",
      "GITHUB_TOKEN:missing",
      "OPENAI_API_KEY:missing",
      "SLACK_TOKEN:vault",
    ]);
    assertNoSecrets([JSON.stringify(stored), JSON.stringify(working)], [EMBEDDED]);
  });

  it("describes a locked file from its header, and says how to unlock it", () => {
    const other = sb.machine("other");
    writeFileSync(join(other.root, "agent.lock"), readFileSync(join(sb.root, "st/agent.lock")));
    const r = other.backpack(["info"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/key {10}[0-9a-f]{16} \(locked: no key at hand\)\n {2}layers {7}credentials \d+ B encrypted, personality \d+ B encrypted, memory \d+ B encrypted\n {2}unlock it to see/);
    const json = JSON.parse(other.backpack(["info", "--json"]).stdout);
    expect(json.key.unlocked).toBe(false);
    expect(json.credentials).toBeUndefined();
  });

  it("reads format 1.0 files from the Python tool, with their passphrase or locked without it", () => {
    const fixture = join(PROJECT_ROOT, "fixtures/v1/custom-passphrase.agent.lock");
    const expected = JSON.parse(readFileSync(join(PROJECT_ROOT, "fixtures/v1/custom-passphrase.expected.json"), "utf8"));
    const open = sb.backpack(["info", fixture, "--json"], { env: { AGENT_MASTER_KEY: expected.passphrase } });
    expect(open.status, open.stderr).toBe(0);
    const info = JSON.parse(open.stdout);
    expect(info.form).toBe("v1");
    expect(info.credentials.map((c: { name: string }) => c.name)).toEqual(Object.keys(expected.layers.credentials).sort());
    expect(info.memoryEntries).toBe(Object.keys(expected.layers.memory).length);
    const locked = sb.backpack(["info", fixture]);
    expect(locked.status, locked.stderr).toBe(0);
    expect(locked.stdout).toMatch(/form {9}format 1\.0 \(Python tool; upgrade with `backpack migrate`\)\n {2}key {10}passphrase .* \(locked: not this passphrase\)/);
    expect(locked.stdout).toMatch(/set AGENT_MASTER_KEY to the passphrase the Python tool used/);
  });

  it("fails clearly on a damaged or missing file", () => {
    writeFileSync(join(sb.root, "bad.lock"), "{ nope");
    expect(sb.backpack(["info", "bad.lock"]).status).toBe(4);
    const missing = sb.backpack(["info", "none.lock"]);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toMatch(/none\.lock does not exist\nhint:/);
  });
});
