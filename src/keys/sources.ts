/**
 * The key sources in their fixed order (environment, OS keychain, file store)
 * and the resolver that finds the key for a file across them. `backpack
 * doctor` prints the same order.
 */
import { randomBytes } from "node:crypto";
import { BackpackError } from "../errors.js";
import {
  type RepoKey,
  exportRepoKey,
  newRepoKey,
  parseExportedKey,
  resolveRepoKey,
  unlockKeyFromText,
  DEFAULT_KDF,
  V1_DEFAULT_PASSPHRASE,
} from "../core/key-material.js";
import type { KdfParams } from "../core/schema.js";
import { log } from "../log.js";
import { EnvKeySource, MASTER_KEY_ENV } from "./env-source.js";
import { FileKeySource, defaultKeyStorePath } from "./file-source.js";
import { KeychainKeySource } from "./keychain-source.js";
import { DEFAULT_KEY_ACCOUNT, type KeySource, repoKeyAccount } from "./key-source.js";
import type { KeyResolver } from "./resolver.js";

/**
 * The sources in the order they are tried. BACKPACK_KEYCHAIN=off leaves the
 * keychain out (tests, headless machines that want only the file store).
 */
export function defaultKeySources(env: NodeJS.ProcessEnv = process.env): KeySource[] {
  const sources: KeySource[] = [new EnvKeySource(env)];
  if (env.BACKPACK_KEYCHAIN !== "off") sources.push(new KeychainKeySource(env));
  sources.push(new FileKeySource(defaultKeyStorePath(env)));
  return sources;
}

export interface ResolverOptions {
  sources: KeySource[];
  /** The repository's key fingerprint (git config backpack.key), if any. */
  repoFingerprint?: string | undefined;
  /** The repository's passphrase KDF parameters (git config backpack.kdf), if any. */
  kdf?: KdfParams | undefined;
  env?: NodeJS.ProcessEnv;
}

/** Makes a new random scrypt salt with the default cost. */
export function newKdfParams(): KdfParams {
  return { ...DEFAULT_KDF, salt: randomBytes(16).toString("base64url") };
}

const unlockHint =
  "unlock with `backpack key import` (a key exported by a teammate with `backpack key export`), set AGENT_MASTER_KEY, or pass --key-file";

/** A resolver over the given sources (environment first). */
export function createKeyResolver(options: ResolverOptions): KeyResolver {
  const env = options.env ?? process.env;
  const stores = options.sources.filter((s) => s.name !== "environment");

  /** The key AGENT_MASTER_KEY gives for this header (or repo), if it is set. */
  const envKey = (headerKdf?: KdfParams): RepoKey | undefined => {
    const text = env[MASTER_KEY_ENV];
    if (text === undefined || text === "") return undefined;
    const unlock = unlockKeyFromText(text, options.kdf);
    if (unlock.kind === "passphrase" && !headerKdf && !options.kdf) return undefined;
    return resolveRepoKey(unlock, headerKdf);
  };

  /** A stored repo key by fingerprint, from the first store that holds it. */
  const storedKey = async (fingerprint: string): Promise<RepoKey | undefined> => {
    for (const source of stores) {
      const ready = await source.available();
      if (ready !== true) continue;
      const text = await source.get(repoKeyAccount(fingerprint));
      if (text === undefined) continue;
      const raw = parseExportedKey(text);
      if (!raw) continue;
      const key = resolveRepoKey({ kind: "raw", key: raw });
      if (key.fingerprint === fingerprint) {
        log.debug("key found", { source: source.name, key: fingerprint });
        return key;
      }
      log.warn(`the ${source.name} store holds a damaged entry for key ${fingerprint}`, { source: source.name });
    }
    return undefined;
  };

  const tryKeyFor = async (header: { key: string; kdf?: KdfParams }): Promise<RepoKey | undefined> => {
    const fromEnv = envKey(header.kdf);
    if (fromEnv && fromEnv.fingerprint === header.key) return fromEnv;
    return storedKey(header.key);
  };

  return {
    tryKeyFor,
    async keyFor(header, fileName) {
      const key = await tryKeyFor(header);
      if (key) return key;
      const fromEnv = envKey(header.kdf);
      if (fromEnv) {
        throw new BackpackError(
          "WRONG_KEY",
          `${fileName} is encrypted with key ${header.key}, but AGENT_MASTER_KEY gives key ${fromEnv.fingerprint}`,
          "set AGENT_MASTER_KEY to the key or passphrase the file was encrypted with",
        );
      }
      throw new BackpackError("NO_KEY", `no key at hand for ${fileName} (encrypted with key ${header.key})`, unlockHint);
    },
    async defaultKey(opts = {}) {
      const fromEnv = envKey(options.kdf);
      if (fromEnv) return fromEnv;
      const text = env[MASTER_KEY_ENV];
      if (text && unlockKeyFromText(text).kind === "passphrase") {
        // A passphrase outside a repository: each new file records its own salt.
        return resolveRepoKey({ kind: "passphrase", passphrase: text, kdf: newKdfParams() });
      }
      let fingerprint = options.repoFingerprint;
      if (!fingerprint) {
        for (const source of stores) {
          if ((await source.available()) !== true) continue;
          fingerprint = await source.get(DEFAULT_KEY_ACCOUNT);
          if (fingerprint) break;
        }
      }
      if (fingerprint) {
        const key = await storedKey(fingerprint);
        if (key) return key;
        if (!opts.create || options.repoFingerprint) {
          throw new BackpackError("NO_KEY", `key ${fingerprint} is not on this machine`, unlockHint);
        }
      }
      if (!opts.create) throw new BackpackError("NO_KEY", "no key has been created yet", "run `backpack setup` in a repository, or `backpack init`");
      const key = newRepoKey(randomBytes(32));
      const target = await writableStore(stores);
      await target.set(repoKeyAccount(key.fingerprint), exportRepoKey(key.key));
      if (!options.repoFingerprint) await target.set(DEFAULT_KEY_ACCOUNT, key.fingerprint);
      log.info(`created a new key ${key.fingerprint}`, { source: target.name });
      return key;
    },
    v1Passphrase() {
      return env[MASTER_KEY_ENV] || V1_DEFAULT_PASSPHRASE;
    },
  };
}

/** The first store that can be written now (the keychain when it runs, else the file store). */
export async function writableStore(stores: KeySource[]): Promise<KeySource> {
  for (const source of stores) {
    if (source.writable && (await source.available()) === true) return source;
  }
  throw new BackpackError("KEYCHAIN", "no key store can be written", "check that $XDG_CONFIG_HOME/backpack (or ~/.config/backpack) is writable");
}
