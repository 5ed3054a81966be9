/**
 * The file store for headless machines: one JSON file, mode 0600, in a folder
 * of mode 0700 under the user's config dir ($XDG_CONFIG_HOME/backpack, else
 * ~/.config/backpack). Written atomically.
 */
import { chmodSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
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
      throw new BackpackError("KEYCHAIN", `cannot read the key file ${this.path}`, "check its permissions (it should be yours, mode 0600)");
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const store = parseStore(json);
    if (!store) {
      throw new BackpackError("KEYCHAIN", `the key file ${this.path} is damaged`, "restore it from a backup, or move it away and import your keys again");
    }
    return store;
  }

  private write(store: Store): void {
    const dir = dirname(this.path);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileAtomic(this.path, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
      chmodSync(this.path, 0o600);
    } catch (error) {
      if (isBackpackError(error)) throw error;
      throw new BackpackError("KEYCHAIN", `cannot write the key file ${this.path}`, `check that ${dir} is writable`);
    }
  }

  async describe(): Promise<string> {
    const ready = await this.available();
    return ready === true ? `${this.path} (${Object.keys(this.read().accounts).length} entries)` : `${this.path}: ${ready}`;
  }

  async available(): Promise<true | string> {
    try {
      this.read();
      return true;
    } catch (error) {
      return isBackpackError(error) ? error.message : "unreadable";
    }
  }

  async get(account: string): Promise<string | undefined> {
    return this.read().accounts[account];
  }

  async set(account: string, value: string): Promise<void> {
    const store = this.read();
    store.accounts[account] = value;
    this.write(store);
  }

  async delete(account: string): Promise<boolean> {
    const store = this.read();
    if (!(account in store.accounts)) return false;
    delete store.accounts[account];
    this.write(store);
    return true;
  }

  async list(): Promise<string[]> {
    return Object.keys(this.read().accounts).sort();
  }
}
