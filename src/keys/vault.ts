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
import { CREDENTIAL_PREFIX, type KeySource, VAULT_INDEX_ACCOUNT, availableStores, credentialAccount, writableStore } from "./key-source.js";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { withFileLock } from "../io/file-lock.js";
import { userConfigDir } from "../config/paths.js";
import { FileKeySource } from "./file-source.js";

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
  /** What the vault's cross-process lock guards (`.vault.lock` beside the file store). */
  private readonly lockTarget: string;

  /** `sources` in the resolver's order; the environment (read-only) is skipped. */
  constructor(sources: KeySource[]) {
    this.stores = sources.filter((s) => s.writable);
    const file = sources.find((s): s is FileKeySource => s instanceof FileKeySource);
    this.lockTarget = join(file ? dirname(file.path) : userConfigDir(process.env), "vault");
  }

  /**
   * Runs a change of values and indexes under one cross-process lock: a value
   * and its index entry are two writes (in the keychain, two entries), and two
   * `backpack key add` at once must not drop each other's name.
   */
  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    mkdirSync(dirname(this.lockTarget), { recursive: true, mode: 0o700 });
    return withFileLock(this.lockTarget, fn);
  }

  private ready(): Promise<KeySource[]> {
    return availableStores(this.stores);
  }

  /** The names a store's index lists. A damaged index is an error (never "empty"), and is not written over. */
  private async index(store: KeySource): Promise<string[]> {
    const text = await store.get(VAULT_INDEX_ACCOUNT);
    if (text === undefined) return [];
    try {
      return parseIndex(text);
    } catch {
      const where = store instanceof FileKeySource ? `the "${VAULT_INDEX_ACCOUNT}" entry of ${store.path}` : `the "${VAULT_INDEX_ACCOUNT}" entry of the ${store.name} store`;
      throw new BackpackError(
        "KEYCHAIN",
        `the vault's list of names (${where}) is damaged; nothing was changed`,
        `repair it (a JSON list of credential names) or delete that entry; the values themselves are untouched`,
      );
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
    const target = await this.locked(async () => {
      const target = await writableStore(await this.ready());
      const names = await this.index(target); // read first: a damaged index stops the add before any write
      await target.set(credentialAccount(name), value);
      await this.writeIndex(target, [...names, name]);
      for (const store of await this.ready()) {
        if (store !== target && (await store.get(credentialAccount(name))) !== undefined) await this.removeFrom(store, name);
      }
      return target;
    });
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
    const names = await this.index(store);
    const removed = await store.delete(credentialAccount(name));
    if (names.includes(name)) await this.writeIndex(store, names.filter((n) => n !== name));
    return removed;
  }

  /** Removes `name` from every store; returns the stores it was removed from. Throws NOT_FOUND when none held it. */
  async remove(name: string): Promise<string[]> {
    assertCredentialName(name);
    const removed: string[] = [];
    await this.locked(async () => {
      for (const store of await this.ready()) if (await this.removeFrom(store, name)) removed.push(store.name);
    });
    if (removed.length === 0) throw new BackpackError("NOT_FOUND", `${name} is not in your vault`, "see the names with `backpack key list`");
    log.info("vault value removed", { name, sources: removed.join(",") });
    audit({ event: "credential.remove", name, store: removed.join(",") });
    return removed;
  }
}
