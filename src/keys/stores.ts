/**
 * The stores that hold what the user keeps (repo keys and vault values), in
 * the order they are tried: the OS keychain (unless BACKPACK_KEYCHAIN=off),
 * then the file store. A module of its own so that the pre-commit hook reads
 * the vault without the key resolver (sources.ts) and node:crypto, which it
 * never uses: it runs on every commit.
 */
import type { KeySettings } from "../config/effective.js";
import { FileKeySource, defaultKeyStorePath } from "./file-source.js";
import { KeychainKeySource } from "./keychain-source.js";
import type { KeySource } from "./key-source.js";

/** The keychain (unless turned off) and the file store: the writable key sources, in order. */
export function userKeyStores(env: NodeJS.ProcessEnv, settings: Pick<KeySettings, "keychainService">): KeySource[] {
  const stores: KeySource[] = [];
  if (env.BACKPACK_KEYCHAIN !== "off") stores.push(new KeychainKeySource(env, settings.keychainService));
  stores.push(new FileKeySource(defaultKeyStorePath(env)));
  return stores;
}
