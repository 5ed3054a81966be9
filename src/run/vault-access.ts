/**
 * The personal vault as `run`, the library and `env import` use it: values by
 * credential name, in the key stores (keychain, file store) under accounts
 * `credential:<NAME>`.
 */
import { type KeySource, credentialAccount } from "../keys/key-source.js";
import { defaultKeySources, writableStore } from "../keys/sources.js";

export interface CredentialVault {
  /** The value stored under `name` and the store that holds it, if any. */
  get(name: string): Promise<{ value: string; store: string } | undefined>;
  /** Stores a value; returns the store's name. */
  set(name: string, value: string): Promise<string>;
}

/** The vault over the user's key stores (the environment is not a vault). */
export function openCredentialVault(env: NodeJS.ProcessEnv = process.env, sources?: KeySource[]): CredentialVault {
  const stores = (sources ?? defaultKeySources(env)).filter((s) => s.name !== "environment");
  return {
    async get(name) {
      for (const source of stores) {
        if ((await source.available()) !== true) continue;
        const value = await source.get(credentialAccount(name));
        if (value !== undefined) return { value, store: source.name };
      }
      return undefined;
    },
    async set(name, value) {
      const target = await writableStore(stores);
      await target.set(credentialAccount(name), value);
      return target.name;
    },
  };
}
