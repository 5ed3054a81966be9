/**
 * The personal credentials vault: API keys by name (`credential:<NAME>`), kept
 * in the first writable key store (the OS keychain when it runs, else the file
 * store); `backpack run` injects them. Each store also keeps an index of the
 * names it holds (`vault-index`, a JSON list), because not every keychain can
 * enumerate its entries. Names are never secret; values never leave here
 * except through `get` / `readAll`.
 */
import { audit } from "../output/audit.js";
import { CREDENTIAL_NAME, credentialValueProblem } from "../core/types.js";
import { BackpackError } from "../errors/errors.js";
import { log } from "../output/log.js";
import { CREDENTIAL_PREFIX, type KeySource, VAULT_INDEX_ACCOUNT, credentialAccount } from "./key-source.js";
import { availableStores, writableStore } from "./sources.js";

/** A name in the vault and the store that holds it. */
export interface VaultEntry {
  name: string;
  store: string;
}

/**
 * A store's index: a JSON list of credential names. Checked by hand, not with
 * zod: the pre-commit hook reads the vault on every commit, and loading zod
 * would cost it more than everything else it does.
 */
function parseIndex(text: string): string[] {
  const names: unknown = JSON.parse(text);
  if (!Array.isArray(names) || !names.every((n) => typeof n === "string" && CREDENTIAL_NAME.test(n))) throw new Error("not a list of names");
  return names as string[];
}

/** Throws USAGE unless `name` can be a credential (an environment variable name). */
export function assertCredentialName(name: string): void {
  if (!CREDENTIAL_NAME.test(name)) {
    throw new BackpackError("USAGE", `"${name}" is not a valid credential name`, "use letters, digits and _, not starting with a digit (e.g. OPENAI_API_KEY)");
  }
}

export class Vault {
  private readonly stores: KeySource[];

  /** `sources` in the resolver's order; the environment (read-only) is skipped. */
  constructor(sources: KeySource[]) {
    this.stores = sources.filter((s) => s.writable);
  }

  private ready(): Promise<KeySource[]> {
    return availableStores(this.stores);
  }

  /** The names a store's index lists (an unreadable index counts as empty, with a warning). */
  private async index(store: KeySource): Promise<string[]> {
    const text = await store.get(VAULT_INDEX_ACCOUNT);
    if (text === undefined) return [];
    try {
      return parseIndex(text);
    } catch {
      log.warn(`the vault index in the ${store.name} store is damaged; it will be rebuilt`, { source: store.name });
      return [];
    }
  }

  private async writeIndex(store: KeySource, names: Iterable<string>): Promise<void> {
    await store.set(VAULT_INDEX_ACCOUNT, JSON.stringify([...new Set(names)].sort()));
  }

  /** The names a store holds: its index, plus whatever it can enumerate. */
  private async namesIn(store: KeySource): Promise<string[]> {
    const names = new Set(await this.index(store));
    try {
      for (const account of await store.list()) {
        if (account.startsWith(CREDENTIAL_PREFIX)) names.add(account.slice(CREDENTIAL_PREFIX.length));
      }
    } catch (error) {
      log.debug("store cannot enumerate; using its index", { source: store.name, error: error instanceof Error ? error.name : "error" });
    }
    return [...names];
  }

  /**
   * Stores a value under `name` in the first writable store, and removes it
   * from any other store (so no stale copy stays behind). Returns the store used.
   */
  async add(name: string, value: string): Promise<string> {
    assertCredentialName(name);
    if (value.length === 0) throw new BackpackError("USAGE", `the value for ${name} is empty`, "give a value (an empty one would hide the variable from `backpack run`)");
    const problem = credentialValueProblem(value);
    if (problem) throw new BackpackError("USAGE", `the value for ${name} ${problem}`, "check what was pasted or piped in: a value is text without control characters");
    const target = await writableStore(await this.ready());
    await target.set(credentialAccount(name), value);
    await this.writeIndex(target, [...(await this.index(target)), name]);
    for (const store of await this.ready()) {
      if (store !== target && (await store.get(credentialAccount(name))) !== undefined) await this.removeFrom(store, name);
    }
    log.info("vault value stored", { name, source: target.name });
    audit({ event: "credential.store", name, store: target.name });
    return target.name;
  }

  /** The value for `name` from the first store that has it. */
  async get(name: string): Promise<string | undefined> {
    for (const store of await this.ready()) {
      const value = await store.get(credentialAccount(name));
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** Every name (sorted) with the store it is read from; names whose value is gone are left out. */
  async list(): Promise<VaultEntry[]> {
    const seen = new Map<string, string>();
    for (const store of await this.ready()) {
      for (const name of await this.namesIn(store)) {
        if (seen.has(name)) continue;
        if ((await store.get(credentialAccount(name))) === undefined) continue;
        seen.set(name, store.name);
      }
    }
    return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, store]) => ({ name, store }));
  }

  /** Every name and value (for the scanner's known-secret list and `backpack run`). */
  async readAll(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const { name } of await this.list()) {
      const value = await this.get(name);
      if (value !== undefined) out.set(name, value);
    }
    return out;
  }

  private async removeFrom(store: KeySource, name: string): Promise<boolean> {
    const removed = await store.delete(credentialAccount(name));
    const names = await this.index(store);
    if (names.includes(name)) await this.writeIndex(store, names.filter((n) => n !== name));
    return removed;
  }

  /** Removes `name` from every store; returns the stores it was removed from. Throws NOT_FOUND when none held it. */
  async remove(name: string): Promise<string[]> {
    assertCredentialName(name);
    const removed: string[] = [];
    for (const store of await this.ready()) if (await this.removeFrom(store, name)) removed.push(store.name);
    if (removed.length === 0) throw new BackpackError("NOT_FOUND", `${name} is not in your vault`, "see the names with `backpack key list`");
    log.info("vault value removed", { name, sources: removed.join(",") });
    audit({ event: "credential.remove", name, store: removed.join(",") });
    return removed;
  }
}
