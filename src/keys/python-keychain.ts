/**
 * The vault of the Python backpack-agent: its keychain.py kept each value in
 * the OS keychain under service "backpack-agent", account = the key's name,
 * and the list of names under the account "_registry" (a JSON object of
 * name -> true), since not every keychain enumerates. Read here so `backpack
 * key import --from-python` can copy them into this vault; nothing is
 * deleted (the Python tool may still be in use).
 */
import { KeychainKeySource } from "./keychain-source.js";

/** The service the Python tool always used (hard-coded in its keychain.py). */
export const PYTHON_KEYCHAIN_SERVICE = "backpack-agent";
const REGISTRY_ACCOUNT = "_registry";

/** Accounts this tool keeps in a keychain service (never the Python tool's names): `repo-key:…`, `credential:…`, the index, the probe. */
function isOurAccount(account: string): boolean {
  return account.includes(":") || account === "vault-index" || account === "probe" || account === REGISTRY_ACCOUNT;
}

/** The Python tool's vault entries: names (from its registry and, where the keychain enumerates, its accounts) with their values. */
export async function readPythonVault(env: NodeJS.ProcessEnv, service = PYTHON_KEYCHAIN_SERVICE): Promise<{ available: true | string; entries: Map<string, string> }> {
  const source = new KeychainKeySource(env, service);
  const available = await source.available();
  const entries = new Map<string, string>();
  if (available !== true) return { available, entries };
  const names = new Set<string>();
  const registry = await source.get(REGISTRY_ACCOUNT);
  if (registry) {
    try {
      const parsed: unknown = JSON.parse(registry);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) for (const name of Object.keys(parsed)) names.add(name);
    } catch {
      // A damaged registry: the enumeration below still finds what it can.
    }
  }
  try {
    for (const account of await source.list()) names.add(account);
  } catch {
    // Not every keychain enumerates: the registry is the list then.
  }
  for (const name of names) {
    if (isOurAccount(name)) continue;
    const value = await source.get(name);
    if (value !== undefined && value !== "") entries.set(name, value);
  }
  return { available, entries };
}
