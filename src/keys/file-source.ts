/**
 * The file store for headless machines: one JSON file, mode 0600, in a folder
 * of mode 0700 under the user's config dir ($XDG_CONFIG_HOME/backpack, else
 * ~/.config/backpack). Written atomically (io/atomic-write), and changed only
 * under a cross-process lock (io/file-lock) with a fresh read inside it, so
 * two `backpack key add` at once both land. A damaged file is an error that
 * names it, never an empty store, and nothing is written over it.
 */
import { chmodSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { withFileLock } from "../io/file-lock.js";
import { userConfigDir } from "../config/paths.js";
import type { KeySource } from "./key-source.js";

export function defaultKeyStorePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userConfigDir(env), "keys.json");
}

interface Store {
  version: 1;
  accounts: Record<string, string>;
}

/**
 * The store's JSON checked by hand, not with zod: the filters read keys here
 * on every checkout, and zod would double their start-up time.
 */
function parseStore(json: unknown): Store | undefined {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return undefined;
  const { version, accounts } = json as Record<string, unknown>;
  if (version !== 1 || accounts === null || typeof accounts !== "object" || Array.isArray(accounts)) return undefined;
  const copy: Record<string, string> = {};
  for (const [account, value] of Object.entries(accounts)) {
    if (typeof value !== "string") return undefined;
    // defineProperty: an account named "__proto__" stays data.
    Object.defineProperty(copy, account, { value, enumerable: true, writable: true, configurable: true });
  }
  return { version, accounts: copy };
}

export class FileKeySource implements KeySource {
  readonly name = "file";
  readonly writable = true;
  constructor(readonly path: string) {}

  private read(): Store {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, accounts: {} };
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      throw new BackpackError("KEYCHAIN", `cannot read the key file ${this.path} (${code})`, "check its permissions (it should be yours, mode 0600)");
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const store = parseStore(json);
    if (!store) {
      throw new BackpackError(
        "KEYCHAIN",
        `the key file ${this.path} is damaged (${json === undefined ? "not JSON" : "not a key store: expected {\"version\": 1, \"accounts\": {...}}"}); nothing was read from it or written to it`,
        "repair it by hand or restore it from a backup; to start over, move it away and `backpack key import` your keys again",
      );
    }
    return store;
  }

  private write(store: Store): void {
    writeFileAtomic(this.path, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
    try {
      chmodSync(this.path, 0o600);
    } catch {
      // written with 0600 already; a file system without modes
    }
  }

  /** Read, change, write: under the store's lock, from a read made inside it. */
  private async update<T>(change: (store: Store) => { result: T; changed: boolean }): Promise<T> {
    const dir = dirname(this.path);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new BackpackError("KEYCHAIN", `cannot create the folder of the key file ${this.path} (${(error as NodeJS.ErrnoException).code ?? "error"})`, `check that ${dir} is writable`);
    }
    return withFileLock(this.path, () => {
      const store = this.read();
      const { result, changed } = change(store);
      if (changed) this.write(store);
      return result;
    });
  }

  async describe(): Promise<string> {
    try {
      return `${this.path} (${Object.keys(this.read().accounts).length} entries)`;
    } catch (error) {
      return isBackpackError(error) ? error.message : `${this.path}: unreadable`;
    }
  }

  /** True when readable or not made yet; a damaged or unreadable file throws (never skipped as if empty). */
  async available(): Promise<true | string> {
    this.read();
    return true;
  }

  async get(account: string): Promise<string | undefined> {
    const accounts = this.read().accounts;
    return Object.hasOwn(accounts, account) ? accounts[account] : undefined;
  }

  async set(account: string, value: string): Promise<void> {
    await this.update((store) => {
      const changed = store.accounts[account] !== value;
      Object.defineProperty(store.accounts, account, { value, enumerable: true, writable: true, configurable: true });
      return { result: undefined, changed };
    });
  }

  async delete(account: string): Promise<boolean> {
    return this.update((store) => {
      if (!Object.hasOwn(store.accounts, account)) return { result: false, changed: false };
      delete store.accounts[account];
      return { result: true, changed: true };
    });
  }

  async list(): Promise<string[]> {
    return Object.keys(this.read().accounts).sort();
  }
}
