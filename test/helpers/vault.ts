/**
 * A sandbox's key store and personal vault as the CLI sees them (the OS
 * keychain in keychain mode, else the file store).
 */
import { FileKeySource, defaultKeyStorePath } from "../../src/keys/file-source.js";
import type { KeySource } from "../../src/keys/key-source.js";
import { KeychainKeySource } from "../../src/keys/keychain-source.js";
import { Vault } from "../../src/keys/vault.js";
import { KEYCHAIN_MODE, type Sandbox } from "./sandbox.js";

/** The sandbox's file store (keys.json under its XDG_CONFIG_HOME). */
export function sandboxFileStore(sb: Sandbox): FileKeySource {
  return new FileKeySource(defaultKeyStorePath(sb.env));
}

/** The store the CLI writes keys and credentials to in this sandbox: its keychain service in keychain mode, else its file store. */
export function sandboxStore(sb: Sandbox): KeySource {
  return KEYCHAIN_MODE ? new KeychainKeySource(sb.env) : sandboxFileStore(sb);
}

/** The sandbox's personal vault, in the store the CLI uses. */
export function sandboxVault(sb: Sandbox): Vault {
  return new Vault([sandboxStore(sb)]);
}

/** Adds a credential to the sandbox's vault, where the CLI will look for it first. */
export async function putInVault(sb: Sandbox, name: string, value: string): Promise<void> {
  await sandboxVault(sb).add(name, value);
}
