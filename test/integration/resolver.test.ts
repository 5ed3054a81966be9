/**
 * The key resolver over real stores (file store in a sandboxed config dir) and
 * real git config: exported keys and passphrases in AGENT_MASTER_KEY, the repo's
 * KDF salt (git config backpack.kdf), wrong and missing keys.
 */
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decryptStoredForm, encryptWorkingForm } from "../../src/core/agent-lock.js";
import { exportRepoKey, newRepoKey, resolveRepoKey } from "../../src/core/key-material.js";
import type { WorkingForm } from "../../src/core/schema.js";
import { openContext } from "../../src/git/context.js";
import { formatKdf } from "../../src/git/repo.js";
import { FileKeySource, defaultKeyStorePath } from "../../src/keys/file-source.js";
import { DEFAULT_KEY_ACCOUNT, repoKeyAccount } from "../../src/keys/key-source.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { asyncFailureOf as failure } from "../helpers/errors.js";
import { assertNoSecrets, assertSameData, assertSameSecret } from "../helpers/secrets.js";

const doc: WorkingForm = { version: 2, credentials: { A: { source: "embedded", value: "resolver-test-value" } }, personality: { tone: "x" }, memory: {} };
/** The cheapest scrypt the schema allows, so tests stay fast. */
const cheapKdf = () => ({ name: "scrypt" as const, logN: 10, r: 8, p: 1, salt: randomBytes(16).toString("base64url") });

describe("key resolver", () => {
  let sb: Sandbox;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    sb = makeSandbox();
    env = { ...sb.env, BACKPACK_KEYCHAIN: "off" };
  });
  afterEach(() => sb.cleanup());

  it("creates a default key once, stores it, and finds it again", async () => {
    const first = await openContext(sb.root, env).resolver.defaultKey({ create: true });
    const store = new FileKeySource(defaultKeyStorePath(env));
    expect(await store.get(DEFAULT_KEY_ACCOUNT)).toBe(first.fingerprint);
    assertSameSecret(await store.get(repoKeyAccount(first.fingerprint)), exportRepoKey(first.key), "the stored repo key");
    const again = await openContext(sb.root, env).resolver.defaultKey({ create: true });
    expect(again.fingerprint).toBe(first.fingerprint);
  });

  it("without any key: NO_KEY, saying how to unlock", async () => {
    const key = newRepoKey(randomBytes(32));
    const stored = encryptWorkingForm(doc, key);
    const f = await failure(() => openContext(sb.root, env).resolver.keyFor(stored, "agent.lock"));
    expect(f.code).toBe("NO_KEY");
    expect(f.message).toContain(key.fingerprint);
    expect(f.hint).toMatch(/backpack key import/);
    expect((await failure(() => openContext(sb.root, env).resolver.defaultKey())).code).toBe("NO_KEY");
  });

  it("an exported key in AGENT_MASTER_KEY opens files made with it; another key is WRONG_KEY", async () => {
    const key = newRepoKey(randomBytes(32));
    const stored = encryptWorkingForm(doc, key);
    const withKey = openContext(sb.root, { ...env, AGENT_MASTER_KEY: exportRepoKey(key.key) }).resolver;
    expect(decryptStoredForm(stored, await withKey.keyFor(stored, "agent.lock"))).toEqual(doc);
    expect((await withKey.defaultKey()).fingerprint).toBe(key.fingerprint);

    const other = openContext(sb.root, { ...env, AGENT_MASTER_KEY: exportRepoKey(randomBytes(32)) }).resolver;
    const f = await failure(() => other.keyFor(stored, "agent.lock"));
    expect(f.code).toBe("WRONG_KEY");
    expect(f.message).toContain(key.fingerprint);
  });

  it("a planted file with cheap or extreme scrypt parameters is not an oracle: nothing is derived, nothing derived is printed", async () => {
    const passphrase = "the user's own passphrase";
    const passEnv = { ...env, AGENT_MASTER_KEY: passphrase };
    const attacker = newRepoKey(randomBytes(32));
    for (const kdf of [cheapKdf(), { ...cheapKdf(), logN: 20, r: 32 }]) {
      const planted = { ...encryptWorkingForm(doc, attacker), kdf };
      const f = await failure(() => openContext(sb.root, passEnv).resolver.keyFor(planted, "agent.lock"));
      expect(f.code).toBe("WRONG_KEY");
      const wouldBe = kdf.logN === 10 ? resolveRepoKey({ kind: "passphrase", passphrase, kdf }).fingerprint : "no-such";
      expect(`${f.message} ${f.hint}`).not.toContain(wouldBe);
      expect(await openContext(sb.root, passEnv).resolver.tryKeyFor(planted)).toBeUndefined();
    }
    // In a repository with a recorded salt, a header with another salt is not derived with either.
    const repo = sb.repo();
    sb.git(["config", "backpack.kdf", formatKdf(cheapKdf())], { cwd: repo });
    const planted = { ...encryptWorkingForm(doc, attacker), kdf: cheapKdf() };
    const f = await failure(() => openContext(repo, passEnv).resolver.keyFor(planted, "agent.lock"));
    expect(f.message).toMatch(/not this repository's recorded salt/);
    expect(f.message).not.toContain(resolveRepoKey({ kind: "passphrase", passphrase, kdf: planted.kdf }).fingerprint);
  });

  it("a damaged exported key in AGENT_MASTER_KEY is named as such", async () => {
    const bad = `${exportRepoKey(randomBytes(32)).slice(0, -3)}`;
    const f = await failure(() => openContext(sb.root, { ...env, AGENT_MASTER_KEY: bad }).resolver.defaultKey());
    expect(f.code).toBe("INVALID_FILE");
    expect(f.message).toMatch(/AGENT_MASTER_KEY holds a damaged exported key/);
    assertNoSecrets([f.message, f.hint], [bad.slice(15)]);
  });

  it("a passphrase with the repo's salt (git config backpack.kdf) gives one key there, every time", async () => {
    const repo = sb.repo();
    const kdf = cheapKdf();
    sb.git(["config", "backpack.kdf", formatKdf(kdf)], { cwd: repo });
    const passEnv = { ...env, AGENT_MASTER_KEY: "a long passphrase of the team" };
    const key = await openContext(repo, passEnv).resolver.defaultKey();
    expect(key.kdf).toEqual(kdf);
    expect((await openContext(repo, passEnv).resolver.defaultKey()).fingerprint).toBe(key.fingerprint);

    const stored = encryptWorkingForm(doc, key);
    expect(stored.kdf).toEqual(kdf);
    assertSameData(decryptStoredForm(stored, await openContext(repo, passEnv).resolver.keyFor(stored, "agent.lock")), doc, "decrypted in repo");
    // Outside the repo the header is all there is, and its cost (2^10) is below the user's kdf settings (2^15):
    // the passphrase is not stretched with it, and nothing derived from it is printed.
    const outside = await failure(() => openContext(sb.root, passEnv).resolver.keyFor(stored, "agent.lock"));
    expect(outside.code).toBe("WRONG_KEY");
    expect(outside.message).toMatch(/was not tried/);

    const wrong = await failure(() => openContext(repo, { ...env, AGENT_MASTER_KEY: "another passphrase" }).resolver.keyFor(stored, "agent.lock"));
    expect(wrong.code).toBe("WRONG_KEY");
    const none = await failure(() => openContext(repo, env).resolver.keyFor(stored, "agent.lock"));
    expect(none.code).toBe("NO_KEY");
  });

  it("a passphrase outside a repository gives each new file a salt of its own, recorded in its header", async () => {
    const passEnv = { ...env, AGENT_MASTER_KEY: "my passphrase" };
    const a = await openContext(sb.root, passEnv).resolver.defaultKey({ create: true });
    const b = await openContext(sb.root, passEnv).resolver.defaultKey({ create: true });
    expect(a.kdf?.salt).toBeDefined();
    expect(a.kdf?.salt).not.toBe(b.kdf?.salt);
    const stored = encryptWorkingForm(doc, a);
    assertSameData(decryptStoredForm(stored, await openContext(sb.root, passEnv).resolver.keyFor(stored, "f")), doc, "decrypted in sb.root");
    // Nothing was written to a key store for it.
    expect(await new FileKeySource(defaultKeyStorePath(env)).list()).toEqual([]);
  });

  it("a passphrase cannot open a file made with a random key: WRONG_KEY says so", async () => {
    const key = newRepoKey(randomBytes(32));
    const stored = encryptWorkingForm(doc, key);
    const f = await failure(() => openContext(sb.root, { ...env, AGENT_MASTER_KEY: "some passphrase" }).resolver.keyFor(stored, "agent.lock"));
    expect(f.code).toBe("WRONG_KEY");
    expect(f.message).toMatch(/random key/);
  });

  it("inside a repository with a key, new files use that key even when AGENT_MASTER_KEY holds a passphrase", async () => {
    const repo = sb.repo();
    const key = newRepoKey(randomBytes(32));
    await new FileKeySource(defaultKeyStorePath(env)).set(repoKeyAccount(key.fingerprint), exportRepoKey(key.key));
    sb.git(["config", "backpack.key", key.fingerprint], { cwd: repo });
    expect((await openContext(repo, env).resolver.defaultKey({ create: true })).fingerprint).toBe(key.fingerprint);
    const withPassphrase = await openContext(repo, { ...env, AGENT_MASTER_KEY: "a passphrase" }).resolver.defaultKey({ create: true });
    expect(withPassphrase.fingerprint).toBe(key.fingerprint);
    expect(withPassphrase.kdf).toBeUndefined();
    // An exported key that is not the repository's is never used for it: the stored one is.
    const otherEnv = { ...env, AGENT_MASTER_KEY: exportRepoKey(randomBytes(32)) };
    expect((await openContext(repo, otherEnv).resolver.defaultKey({ create: true })).fingerprint).toBe(key.fingerprint);
    // ... and without the stored one, that is WRONG_KEY, not a silent switch of keys.
    await new FileKeySource(defaultKeyStorePath(env)).delete(repoKeyAccount(key.fingerprint));
    const f = await failure(() => openContext(repo, otherEnv).resolver.defaultKey({ create: true }));
    expect(f.code).toBe("WRONG_KEY");
    expect(f.message).toContain(key.fingerprint);
  });

  it("a repository whose key is not on this machine: NO_KEY, never a new key", async () => {
    const repo = sb.repo();
    sb.git(["config", "backpack.key", "0123456789abcdef"], { cwd: repo });
    const f = await failure(() => openContext(repo, env).resolver.defaultKey({ create: true }));
    expect(f.code).toBe("NO_KEY");
    expect(f.message).toMatch(/0123456789abcdef/);
    expect(await new FileKeySource(defaultKeyStorePath(env)).list()).toEqual([]);
  });

  it("a damaged store entry is skipped with a warning, not used", async () => {
    const key = newRepoKey(randomBytes(32));
    await new FileKeySource(defaultKeyStorePath(env)).set(repoKeyAccount(key.fingerprint), exportRepoKey(randomBytes(32)));
    const stored = encryptWorkingForm(doc, key);
    expect((await failure(() => openContext(sb.root, env).resolver.keyFor(stored, "agent.lock"))).code).toBe("NO_KEY");
  });

  it("the format 1.0 passphrase: AGENT_MASTER_KEY when it holds one, else the Python default", () => {
    expect(openContext(sb.root, env).resolver.v1Passphrase()).toBe("default-key");
    expect(openContext(sb.root, { ...env, AGENT_MASTER_KEY: "pw" }).resolver.v1Passphrase()).toBe("pw");
    expect(openContext(sb.root, { ...env, AGENT_MASTER_KEY: exportRepoKey(randomBytes(32)) }).resolver.v1Passphrase()).toBe("default-key");
  });
});
