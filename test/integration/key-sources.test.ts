/**
 * The same contract against every writable store: the file store everywhere,
 * and the real OS keychain (Secret Service under dbus-run-session in CI) when
 * BACKPACK_TEST_KEYCHAIN=1, through each keychain module that loads (keytar,
 * @napi-rs/keyring) and through both as backpack uses them by default. BACKPACK_REQUIRE_KEYCHAIN=1 turns a missing keychain
 * into a failure instead of a skip, so CI cannot silently fall back.
 */
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileKeySource } from "../../src/keys/file-source.js";
import { KeychainKeySource } from "../../src/keys/keychain-source.js";
import type { KeySource } from "../../src/keys/key-source.js";
import { LOADING_BACKENDS, onlyBackend } from "../helpers/keychain-backends.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets, assertSameSecret } from "../helpers/secrets.js";

const wantKeychain = process.env.BACKPACK_TEST_KEYCHAIN === "1";
const requireKeychain = process.env.BACKPACK_REQUIRE_KEYCHAIN === "1";

const stores: Array<[string, (sb: Sandbox) => KeySource]> = [
  ["file store", (sb) => new FileKeySource(`${sb.home}/.config/backpack/keys.json`)],
];
/** A keychain source that uses keytar alone on Linux, where it does not list (src/keys/keychain-backends.ts). */
const keytarAloneOnLinux = (store: KeySource) => process.platform === "linux" && store instanceof KeychainKeySource && store.backends.length === 1 && store.backends[0] === "keytar";

/** A keychain source with a service of its own (tests run in parallel); `setting` is BACKPACK_KEYCHAIN. */
const keychain = (setting: string, service = `backpack-test-${randomBytes(4).toString("hex")}`) =>
  new KeychainKeySource({ ...process.env, BACKPACK_KEYCHAIN: setting, BACKPACK_KEYCHAIN_SERVICE: service });
if (wantKeychain || requireKeychain) {
  for (const backend of LOADING_BACKENDS) stores.push([`OS keychain through ${backend}`, () => keychain(onlyBackend(backend))]);
  stores.push(["OS keychain (default: every module that loads)", () => keychain("on")]);
}

describe.each(stores)("%s", (_name, make) => {
  let sb: Sandbox;
  let store: KeySource;
  beforeEach(() => {
    sb = makeSandbox();
    store = make(sb);
  });
  afterEach(async () => {
    for (const account of await store.list().catch(() => ["credential:OPENAI_API_KEY", "credential:OTHER"])) await store.delete(account);
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
    if (keytarAloneOnLinux(store)) {
      // keytar's list would crash the process on an entry the other module wrote: it is never called there.
      await expect(store.list()).rejects.toMatchObject({ code: "KEYCHAIN", message: expect.stringMatching(/cannot list its entries through keytar/) });
    } else {
      expect(await store.list()).toEqual(["credential:OPENAI_API_KEY", "credential:OTHER"]);
    }
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

/**
 * keytar and @napi-rs/keyring store an entry in different shapes on Linux
 * (Secret Service attribute `account` against `username`) and on Windows
 * (target name), the same on macOS. backpack writes through both when both
 * load and reads a miss through the other, so a key stored by either is found.
 * keytar's list is never called on Linux: it crashes the process on an entry
 * the other module wrote.
 */
describe.runIf((wantKeychain || requireKeychain) && LOADING_BACKENDS.length === 2)("keytar and @napi-rs/keyring share entries", () => {
  const service = `backpack-test-${randomBytes(4).toString("hex")}`;
  const keytarOnly = () => keychain("keytar", service);
  const keyringOnly = () => keychain("keyring", service);
  const both = () => keychain("on", service);
  afterEach(async () => {
    for (const account of ["repo-key:aaaa", "repo-key:bbbb", "credential:SHARED"]) await both().delete(account);
  });

  it("uses keytar first and says so", async () => {
    const source = both();
    expect(await source.backendInUse()).toBe("keytar");
    expect(await source.describe()).toMatch(/through keytar; @napi-rs\/keyring also loads, so entries are written through both/);
    expect(await keyringOnly().backendInUse()).toBe("@napi-rs/keyring");
  });

  it("an entry stored where only keytar loaded (as backpack 2.0.0-alpha.1 stored it) is read", async () => {
    const value = `from-keytar-${randomBytes(8).toString("hex")}`;
    await keytarOnly().set("repo-key:aaaa", value);
    assertSameSecret(await both().get("repo-key:aaaa"), value, "repo-key:aaaa");
    // On macOS the two share one item; elsewhere only backpack's fallback read finds it.
    if (process.platform === "darwin") assertSameSecret(await keyringOnly().get("repo-key:aaaa"), value, "repo-key:aaaa");
    if (process.platform === "linux") expect(await keyringOnly().get("repo-key:aaaa")).toBeUndefined();
  });

  it("an entry stored where only @napi-rs/keyring loaded is read once keytar loads too", async () => {
    const value = `from-keyring-${randomBytes(8).toString("hex")}`;
    await keyringOnly().set("repo-key:bbbb", value);
    if (process.platform === "linux") expect(await keytarOnly().get("repo-key:bbbb")).toBeUndefined();
    assertSameSecret(await both().get("repo-key:bbbb"), value, "repo-key:bbbb");
    expect(await both().list()).toEqual(["repo-key:bbbb"]);
  });

  it("an entry stored where both load is read by each alone; deleting it removes it for both", async () => {
    const value = `from-both-${randomBytes(8).toString("hex")}`;
    await both().set("credential:SHARED", value);
    assertSameSecret(await keytarOnly().get("credential:SHARED"), value, "credential:SHARED");
    assertSameSecret(await keyringOnly().get("credential:SHARED"), value, "credential:SHARED");
    if (process.platform !== "linux") expect(await keytarOnly().list()).toEqual(["credential:SHARED"]);
    expect(await keyringOnly().list()).toEqual(["credential:SHARED"]);
    expect(await both().list()).toEqual(["credential:SHARED"]);
    const replaced = `replaced-${randomBytes(8).toString("hex")}`;
    await both().set("credential:SHARED", replaced);
    assertSameSecret(await keyringOnly().get("credential:SHARED"), replaced, "credential:SHARED");
    expect(await both().delete("credential:SHARED")).toBe(true);
    expect(await keytarOnly().get("credential:SHARED")).toBeUndefined();
    expect(await keyringOnly().get("credential:SHARED")).toBeUndefined();
  });
});

describe("keychain module choice", () => {
  it("BACKPACK_KEYCHAIN names one module, or allows both in backpack's order", () => {
    expect(keychain("keytar").backends).toEqual(["keytar"]);
    expect(keychain("keyring").backends).toEqual(["@napi-rs/keyring"]);
    expect(keychain("on").backends).toEqual(["keytar", "@napi-rs/keyring"]);
    expect(new KeychainKeySource({}).backends).toEqual(["keytar", "@napi-rs/keyring"]);
  });
});
