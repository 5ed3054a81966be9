/**
 * The same contract against every writable store: the file store everywhere,
 * and the real OS keychain (Secret Service under dbus-run-session in CI) when
 * BACKPACK_TEST_KEYCHAIN=1. BACKPACK_REQUIRE_KEYCHAIN=1 turns a missing keychain
 * into a failure instead of a skip, so CI cannot silently fall back.
 */
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileKeySource } from "../../src/keys/file-source.js";
import { KeychainKeySource } from "../../src/keys/keychain-source.js";
import type { KeySource } from "../../src/keys/key-source.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets, assertSameSecret } from "../helpers/secrets.js";

const wantKeychain = process.env.BACKPACK_TEST_KEYCHAIN === "1";
const requireKeychain = process.env.BACKPACK_REQUIRE_KEYCHAIN === "1";

const stores: Array<[string, (sb: Sandbox) => KeySource]> = [
  ["file store", (sb) => new FileKeySource(`${sb.home}/.config/backpack/keys.json`)],
];
if (wantKeychain || requireKeychain) {
  stores.push(["OS keychain", () => new KeychainKeySource({ ...process.env, BACKPACK_KEYCHAIN_SERVICE: `backpack-test-${randomBytes(4).toString("hex")}` })]);
}

describe.each(stores)("%s", (_name, make) => {
  let sb: Sandbox;
  let store: KeySource;
  beforeEach(() => {
    sb = makeSandbox();
    store = make(sb);
  });
  afterEach(async () => {
    for (const account of await store.list().catch(() => [])) await store.delete(account);
    sb.cleanup();
  });

  it("is available", async () => {
    expect(await store.available()).toBe(true);
  });

  it("stores, lists (names only), reads and deletes", async () => {
    const value = `value-${randomBytes(8).toString("hex")}`;
    await store.set("credential:OPENAI_API_KEY", value);
    await store.set("credential:OTHER", "x");
    assertSameSecret(await store.get("credential:OPENAI_API_KEY"), value, "credential:OPENAI_API_KEY");
    expect(await store.list()).toEqual(["credential:OPENAI_API_KEY", "credential:OTHER"]);
    expect(await store.delete("credential:OPENAI_API_KEY")).toBe(true);
    expect(await store.delete("credential:OPENAI_API_KEY")).toBe(false);
    expect(await store.get("credential:OPENAI_API_KEY")).toBeUndefined();
    assertNoSecrets([await store.describe()], [value]);
  });
});

describe("file store", () => {
  it("keeps its file at mode 0600 in a folder of mode 0700", async () => {
    const sb = makeSandbox();
    try {
      const path = `${sb.home}/.config/backpack/keys.json`;
      await new FileKeySource(path).set("credential:A", "b");
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(`${sb.home}/.config/backpack`).mode & 0o777).toBe(0o700);
    } finally {
      sb.cleanup();
    }
  });
});

describe("keychain without a session bus", () => {
  it.runIf(process.platform === "linux")("says why it is not used instead of failing", async () => {
    const source = new KeychainKeySource({ PATH: process.env.PATH });
    expect(await source.available()).toMatch(/D-Bus/);
  });
});
