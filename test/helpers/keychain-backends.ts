/**
 * The keychain modules (keytar, @napi-rs/keyring) that load on this machine,
 * so the keychain tests run against each of them (describe.each), and the
 * BACKPACK_KEYCHAIN value that makes backpack use only that one.
 */
import { KEYCHAIN_BACKENDS, type KeychainBackendName, loadKeychainBackend } from "../../src/keys/keychain-backends.js";

/** The modules that load here, in backpack's order. */
export const LOADING_BACKENDS: KeychainBackendName[] = [];
for (const name of KEYCHAIN_BACKENDS) {
  if (!("reason" in (await loadKeychainBackend(name)))) LOADING_BACKENDS.push(name);
}

/** BACKPACK_KEYCHAIN's value for one module only. */
export function onlyBackend(name: KeychainBackendName): string {
  return name === "keytar" ? "keytar" : "keyring";
}
