/**
 * Where keys come from. Every store (environment, OS keychain, file store,
 * in-memory for tests) implements KeySource; they are tried in a fixed order
 * (see `defaultKeySources` in ./sources.ts), which `backpack doctor` prints.
 *
 * Accounts are strings:
 *   repo-key:<fingerprint>   an exported repo key (BACKPACK-KEY-1:...), found by
 *                            the fingerprint in a stored file's header
 *   repo-key:default         the fingerprint of the key for files outside a repo
 *   credential:<NAME>        a value in the user's personal vault
 *   identity:default         the user's age identity (team repositories)
 *   unwrap-miss:<fingerprint> a digest of a team key file not wrapped for that
 *                            identity (a layer the member does not read): not a secret
 */
import { BackpackError } from "../errors/errors.js";

export interface KeySource {
  /** Short name shown by doctor: "environment", "keychain", "file", "memory". */
  readonly name: string;
  /** One line: where it looks and whether it answers. Never a value. */
  describe(): Promise<string>;
  /** True when the store can be used now; else a one-line reason. */
  available(): Promise<true | string>;
  get(account: string): Promise<string | undefined>;
  /** Throws BackpackError("KEYCHAIN", ...) when the store is read-only or failing. */
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Accounts this store holds (names only). */
  list(): Promise<string[]>;
  /** False for sources that cannot be written (the environment). */
  readonly writable: boolean;
}

export const REPO_KEY_PREFIX = "repo-key:";
export const CREDENTIAL_PREFIX = "credential:";
export const DEFAULT_KEY_ACCOUNT = "repo-key:default";

export function repoKeyAccount(fingerprint: string): string {
  return REPO_KEY_PREFIX + fingerprint;
}

export function credentialAccount(name: string): string {
  return CREDENTIAL_PREFIX + name;
}

/** The vault's list of credential names, kept in each store beside the values (not every keychain enumerates). */
export const VAULT_INDEX_ACCOUNT = "vault-index";

/** The sources that answer now, in their order. */
export async function availableStores(sources: KeySource[]): Promise<KeySource[]> {
  const out: KeySource[] = [];
  for (const source of sources) if ((await source.available()) === true) out.push(source);
  return out;
}

/** The first store that can be written now (the keychain when it runs, else the file store). */
export async function writableStore(stores: KeySource[]): Promise<KeySource> {
  for (const source of stores) {
    if (source.writable && (await source.available()) === true) return source;
  }
  throw new BackpackError("KEYCHAIN", "no key store can be written", "check that $XDG_CONFIG_HOME/backpack (or ~/.config/backpack) is writable");
}
