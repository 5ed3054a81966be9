/**
 * The key sources in their fixed order (environment, OS keychain, file store)
 * and the resolver that finds the key for a file across them. `backpack
 * doctor` prints the same order.
 */
import { randomBytes } from "node:crypto";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { type KeySettings, envKeySettings } from "../config/effective.js";
import {
  type KdfCost,
  type RepoKey,
  exportRepoKey,
  newRepoKey,
  parseExportedKey,
  storedKeyMatching,
  resolveRepoKey,
  unlockKeyFromText,
  V1_DEFAULT_PASSPHRASE,
} from "../core/key-material.js";
import type { KdfParams } from "../core/schema.js";
import { kdfCostAtLeast, kdfProblem } from "../core/crypto.js";

/** Two KDF parameter sets are the same (salt and cost). */
function sameKdf(a: KdfParams, b: KdfParams): boolean {
  return a.name === b.name && a.salt === b.salt && a.logN === b.logN && a.r === b.r && a.p === b.p;
}
import { log } from "../output/log.js";
import { testPause } from "../io/test-pause.js";
import { EnvKeySource, MASTER_KEY_ENV } from "./env-source.js";
import { userKeyStores } from "./stores.js";
import { DEFAULT_KEY_ACCOUNT, type KeySource, repoKeyAccount, writableStore } from "./key-source.js";
import type { KeyResolver } from "./resolver.js";
import { type LoadedIdentity, loadIdentity } from "./identity.js";
import { cachedKeyCommand } from "./key-command.js";
import { type MemberKeys, createMemberKeys } from "./member-keys.js";
import { FILE_GROUP, currentLayerKeys, isLayered, readersOf } from "../core/team.js";
import { LAYER_NAMES, type LayerName } from "../core/types.js";

/**
 * The sources in the order they are tried. BACKPACK_KEYCHAIN=off leaves the
 * keychain out (tests, headless machines that want only the file store).
 * `settings` name the master key variable and the keychain service (from the
 * config files; without them, from the environment and the defaults).
 */
export function defaultKeySources(env: NodeJS.ProcessEnv = process.env, settings: KeySettings = envKeySettings(env)): KeySource[] {
  return [new EnvKeySource(env, settings.masterKeyEnv), ...userKeyStores(env, settings)];
}

export interface ResolverOptions {
  sources: KeySource[];
  /** The repository's key fingerprint (git config backpack.key), if any. */
  repoFingerprint?: string | undefined;
  /** The repository's passphrase KDF parameters (git config backpack.kdf), if any. */
  kdf?: KdfParams | undefined;
  env?: NodeJS.ProcessEnv;
  /** The master key variable and the cost of new salts (default: from the environment and the defaults). */
  settings?: Pick<KeySettings, "masterKeyEnv" | "kdf"> & Partial<Pick<KeySettings, "keyCommand">>;
  /**
   * Top of the working tree: in a team repository (`.backpack/team.json`), keys
   * no store holds are opened from their wrapped copies with the user's identity.
   */
  root?: string | undefined;
}

/** Makes a new random scrypt salt with the given cost (the kdf.* settings). */
export function newKdfParams(cost: KdfCost): KdfParams {
  return { ...cost, salt: randomBytes(16).toString("base64url") };
}

/** How to get a key onto this machine, naming the master key variable in use; shown with every NO_KEY. */
export function unlockHint(masterKeyEnv: string = MASTER_KEY_ENV): string {
  return `import the key with \`backpack key import\` (the line \`backpack key export\` prints where the key is), set ${masterKeyEnv} to that line, or run \`backpack unlock --key-file FILE\``;
}

/** A resolver over the given sources (environment first). */
export function createKeyResolver(options: ResolverOptions): KeyResolver {
  const env = options.env ?? process.env;
  const { masterKeyEnv: masterVar, kdf: kdfCost } = options.settings ?? envKeySettings(env);
  const stores = options.sources.filter((s) => s.name !== "environment");
  const keyCommand = cachedKeyCommand(options.settings?.keyCommand, env);
  /** The key command's failure, said once and named by NO_KEY instead of the generic hint. */
  let commandError: BackpackError | undefined;
  const commandAnswer = () => {
    try {
      return keyCommand();
    } catch (error) {
      if (!isBackpackError(error)) throw error;
      if (!commandError) log.warn(error.message);
      commandError = error;
      return undefined;
    }
  };
  let identity: Promise<LoadedIdentity | undefined> | undefined;
  const memberKeys: MemberKeys = createMemberKeys({
    root: options.root,
    identity: () => (identity ??= loadIdentity({ env, stores, keyCommand: commandAnswer })),
  });

  /** The master key variable (AGENT_MASTER_KEY unless master_key_env says otherwise) as an unlock key, if set; a damaged exported key is named as such. */
  const envUnlock = () => {
    const text = env[masterVar];
    if (text === undefined || text === "") return undefined;
    try {
      return unlockKeyFromText(text, options.kdf);
    } catch (error) {
      throw new BackpackError(
        "INVALID_FILE",
        `${masterVar} holds a damaged exported key (wrong length or characters)`,
        "set it to the whole line `backpack key export` printed (BACKPACK-KEY-1:...), or to a passphrase",
        { cause: error },
      );
    }
  };

  /**
   * The key AGENT_MASTER_KEY gives for a header (or, without one, for the
   * repository). A passphrase becomes a key only with KDF parameters: the
   * header's (every file records its salt), else the repository's.
   */
  const envKey = (headerKdf?: KdfParams): RepoKey | undefined => {
    const unlock = envUnlock();
    if (!unlock) return undefined;
    if (unlock.kind === "raw") return resolveRepoKey(unlock);
    const kdf = trustedKdf(headerKdf);
    return kdf ? resolveRepoKey(unlock, kdf) : undefined;
  };

  /**
   * The KDF parameters a passphrase may be stretched with for this header.
   * A stored file's header is unauthenticated until its key opens it, so its
   * parameters are never used as given: in a repository with a recorded salt
   * (git config backpack.kdf, local) only exactly those; elsewhere the
   * header's salt, and only when its cost is at least the user's kdf.*
   * settings. Otherwise undefined: nothing is derived (a planted file with a
   * cheap cost would make the passphrase's check value cheap to guess).
   */
  const trustedKdf = (headerKdf?: KdfParams): KdfParams | undefined => {
    if (options.kdf) return !headerKdf || sameKdf(headerKdf, options.kdf) ? options.kdf : undefined;
    if (!headerKdf) return undefined;
    return kdfCostAtLeast(headerKdf, kdfCost) && !kdfProblem(headerKdf) ? headerKdf : undefined;
  };

  /** A stored repo key by fingerprint, from the first store that holds it. */
  const storedKey = async (fingerprint: string): Promise<RepoKey | undefined> => {
    for (const source of stores) {
      const ready = await source.available();
      if (ready !== true) continue;
      const text = await source.get(repoKeyAccount(fingerprint));
      if (text === undefined) continue;
      const key = storedKeyMatching(text, fingerprint);
      if (key) {
        log.debug("key found", { source: source.name, key: fingerprint });
        return key;
      }
      log.warn(`the ${source.name} store holds a damaged entry for key ${fingerprint}`, { source: source.name });
    }
    return undefined;
  };

  /** One key by its header (fingerprint and KDF), from the first source that has it. */
  const tryOneKey = async (header: { key: string; kdf?: KdfParams }): Promise<RepoKey | undefined> => {
    const fromEnv = envKey(header.kdf);
    if (fromEnv && fromEnv.fingerprint === header.key) return fromEnv;
    const stored = await storedKey(header.key);
    if (stored) return stored;
    const answer = header.kdf ? undefined : commandAnswer();
    if (answer?.kind === "key") {
      const key = resolveRepoKey({ kind: "raw", key: answer.key });
      if (key.fingerprint === header.key) return key;
    }
    return header.kdf ? undefined : memberKeys.tryKey(header.key);
  };

  // A team repository with a key per layer: each layer key looked up once per process (held or not).
  const layerKeyLookups = new Map<string, Promise<RepoKey | undefined>>();
  const layerKey = (fingerprint: string): Promise<RepoKey | undefined> => {
    let found = layerKeyLookups.get(fingerprint);
    if (!found) {
      found = tryOneKey({ key: fingerprint });
      layerKeyLookups.set(fingerprint, found);
    }
    return found;
  };

  /**
   * The file key with each layer's key attached (those this user holds), for
   * a file with a key per layer: `fingerprints` from its header, or the
   * team's current keys for new files. Readers from the team file, for show.
   */
  const withLayerKeys = async (fileKey: RepoKey, fingerprints: Partial<Record<LayerName, string>>): Promise<RepoKey> => {
    const team = memberKeys.team();
    const layers = {} as NonNullable<RepoKey["layers"]>;
    for (const layer of LAYER_NAMES) {
      const fingerprint = fingerprints[layer] ?? "";
      const held = fingerprint ? await layerKey(fingerprint) : undefined;
      layers[layer] = { fingerprint, ...(held ? { key: held.key } : {}), ...(team ? { readers: readersOf(team, layer) } : {}) };
    }
    return { ...fileKey, layers };
  };

  const tryKeyFor = async (header: { key: string; kdf?: KdfParams; keys?: Partial<Record<LayerName, string>> | undefined }): Promise<RepoKey | undefined> => {
    const key = await tryOneKey(header);
    if (!key || !header.keys) return key;
    return withLayerKeys(key, header.keys);
  };

  /** The key new files are encrypted with in a team repository with a key per layer: the file key and the current layer keys. */
  const forNewFiles = async (key: RepoKey): Promise<RepoKey> => {
    const team = memberKeys.team();
    if (!team || !isLayered(team) || team.keys[FILE_GROUP]?.key !== key.fingerprint) return key;
    return withLayerKeys(key, currentLayerKeys(team));
  };

  /**
   * NO_KEY or WRONG_KEY for a key that is not at hand, saying what
   * AGENT_MASTER_KEY gives instead. `fileName` is undefined for the
   * repository's own key.
   */
  const missingKey = (fingerprint: string, fileName: string | undefined, headerKdf?: KdfParams): BackpackError => {
    const what = fileName ? `${fileName} is encrypted with key ${fingerprint}` : `this repository's key is ${fingerprint}`;
    const unlock = envUnlock();
    if (unlock?.kind === "raw") {
      return new BackpackError("WRONG_KEY", `${what}, but ${masterVar} gives key ${resolveRepoKey(unlock).fingerprint}`, `set ${masterVar} to the key or passphrase it was made with`);
    }
    // Nothing derived from a passphrase is printed for a file that does not open: it would be a check value to guess against.
    if (unlock?.kind === "passphrase" && headerKdf && !trustedKdf(headerKdf)) {
      return new BackpackError(
        "WRONG_KEY",
        `${what} from a passphrase with key derivation parameters backpack does not use here (${options.kdf ? "not this repository's recorded salt" : "cheaper than your kdf settings, or beyond their bounds"}), so the passphrase in ${masterVar} was not tried`,
        options.kdf ? `open it where it was made, or set ${masterVar} to the exported key it was made with` : "if you trust the file, lower kdf.log_n in your own config (`backpack config set kdf.log_n N`) to its cost",
      );
    }
    if (unlock?.kind === "passphrase" && (headerKdf || options.kdf)) {
      return new BackpackError("WRONG_KEY", `${what}, but the passphrase in ${masterVar} gives another key`, `set ${masterVar} to the key or passphrase it was made with`);
    }
    if (unlock?.kind === "passphrase") {
      return new BackpackError(
        "WRONG_KEY",
        `${what}, a random key, so the passphrase in ${masterVar} cannot open it`,
        `set ${masterVar} to the exported key (the line \`backpack key export\` prints where the key is), or unset it and \`backpack key import\` that line`,
      );
    }
    const message = fileName ? `no key at hand for ${fileName} (encrypted with key ${fingerprint})` : `this repository's key ${fingerprint} is not on this machine`;
    if (commandError) return new BackpackError("NO_KEY", `${message}: ${commandError.message}`, commandError.hint);
    const team = memberKeys.team();
    if (team) {
      const why = memberKeys.whyNot();
      return new BackpackError("NO_KEY", message, why ? `${why}; see docs/team.md` : `this is a team repository: run \`backpack identity\`, send the line it prints to a member (\`backpack team list\` shows them), and ask them to \`backpack team add\` you`);
    }
    return new BackpackError("NO_KEY", message, unlockHint(masterVar));
  };

  return {
    tryKeyFor,
    async keyFor(header, fileName) {
      const key = await tryKeyFor(header);
      if (key) return key;
      throw missingKey(header.key, fileName, header.kdf);
    },
    async defaultKey(opts = {}) {
      // Inside a repository with a key, new files use that key and no other.
      if (options.repoFingerprint) {
        const key = await tryOneKey({ key: options.repoFingerprint, ...(options.kdf ? { kdf: options.kdf } : {}) });
        if (key) return forNewFiles(key);
        throw missingKey(options.repoFingerprint, undefined, options.kdf);
      }
      const fromEnv = envKey(options.kdf);
      if (fromEnv) return fromEnv;
      const unlock = envUnlock();
      if (unlock?.kind === "passphrase") {
        // A passphrase and no recorded salt (outside a repository, as the Python
        // tool worked): each new file records a salt of its own in its header.
        return resolveRepoKey({ kind: "passphrase", passphrase: unlock.passphrase, kdf: newKdfParams(kdfCost) });
      }
      let fingerprint: string | undefined;
      for (const source of stores) {
        if ((await source.available()) !== true) continue;
        fingerprint = await source.get(DEFAULT_KEY_ACCOUNT);
        if (fingerprint) break;
      }
      if (fingerprint) {
        const key = await storedKey(fingerprint);
        if (key) return key;
        if (!opts.create) throw new BackpackError("NO_KEY", `your default key ${fingerprint} is not on this machine`, unlockHint(masterVar));
        log.warn(`your default key ${fingerprint} is missing from every key store; making a new one`);
      }
      if (!opts.create) throw new BackpackError("NO_KEY", "no key has been created yet", "run `backpack setup` in a repository, or `backpack init`");
      const key = newRepoKey(randomBytes(32));
      const target = await writableStore(stores);
      await storeRepoKey(target, key);
      await target.set(DEFAULT_KEY_ACCOUNT, key.fingerprint);
      log.info(`created a new key ${key.fingerprint}`, { source: target.name });
      return key;
    },
    v1Passphrase() {
      // An exported v2 key in AGENT_MASTER_KEY is not the Python tool's passphrase.
      const unlock = envUnlock();
      return unlock?.kind === "passphrase" ? unlock.passphrase : V1_DEFAULT_PASSPHRASE;
    },
  };
}

export { availableStores, writableStore } from "./key-source.js";

/**
 * Stores a repo key and reads it back from the store (a fresh read: the file
 * store re-reads its file, the keychain asks again), checking that what the
 * store now holds has the key's fingerprint. Every place that makes or
 * saves a key calls this before the first file is encrypted with it, so no
 * file ends up encrypted with a key no store holds (a write lost to a race,
 * a full disk, a store that accepted and dropped it). Throws KEYCHAIN.
 */
export async function storeRepoKey(store: KeySource, key: Pick<RepoKey, "key" | "fingerprint">): Promise<void> {
  await store.set(repoKeyAccount(key.fingerprint), exportRepoKey(key.key));
  testPause("key-stored");
  await verifyStoredKey(store, key.fingerprint);
}

/** Throws KEYCHAIN unless `store` holds the key with this fingerprint, intact. */
export async function verifyStoredKey(store: KeySource, fingerprint: string): Promise<void> {
  const text = await store.get(repoKeyAccount(fingerprint));
  let raw: Buffer | undefined;
  try {
    raw = text === undefined ? undefined : parseExportedKey(text);
  } catch {
    raw = undefined;
  }
  if (!raw || resolveRepoKey({ kind: "raw", key: raw }).fingerprint !== fingerprint) {
    throw new BackpackError(
      "KEYCHAIN",
      `the ${store.name} store did not keep key ${fingerprint} (read back ${text === undefined ? "nothing" : "something else"}); no file was encrypted with it`,
      "check the store with `backpack doctor`, then run the command again",
    );
  }
}
