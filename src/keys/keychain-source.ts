/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service
 * on Linux) through keytar or @napi-rs/keyring (./keychain-backends.ts),
 * service "backpack-agent" unless the keychain_service setting (or
 * BACKPACK_KEYCHAIN_SERVICE) names another. Both modules are optional: when
 * neither loads, or no keychain service answers, the source says so once (at
 * info level; `backpack doctor` shows it) and the resolver falls through to
 * the file store.
 *
 * The first module that loads and answers is the one in use. When the other
 * loads too, every entry is written through both and a miss is looked up in
 * the other: the two do not store an entry in the same shape on Linux (Secret
 * Service attribute `account` against `username`) nor on Windows (target
 * `service/account` against `account.service`), so this is what lets a key
 * stored where only one of them loaded be found where the other is in use.
 */
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { log } from "../output/log.js";
import { type KeychainBackend, type KeychainBackendName, allowedBackends, loadKeychainBackend } from "./keychain-backends.js";
import type { KeySource } from "./key-source.js";

export const DEFAULT_KEYCHAIN_SERVICE = "backpack-agent";
/** A keychain that does not answer within this time is treated as absent. */
const PROBE_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), PROBE_TIMEOUT_MS);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Opened = { backend: KeychainBackend } | { reason: string };

export class KeychainKeySource implements KeySource {
  readonly name = "keychain";
  readonly writable = true;
  readonly service: string;
  /** The modules BACKPACK_KEYCHAIN allows, in the order they are tried. */
  readonly backends: readonly KeychainBackendName[];
  private state: Promise<Opened> | undefined;
  private others: Promise<KeychainBackend[]> | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** The keychain_service setting (the caller resolves its precedence). */
    service?: string,
  ) {
    this.service = service || env.BACKPACK_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE;
    this.backends = allowedBackends(env.BACKPACK_KEYCHAIN);
  }

  /** Loads one module and asks the keychain once through it. */
  private async openBackend(name: KeychainBackendName): Promise<Opened> {
    const loaded = await loadKeychainBackend(name);
    if ("reason" in loaded) return loaded;
    try {
      await withTimeout(loaded.getPassword(this.service, "probe"), "the keychain");
    } catch (error) {
      return { reason: `the keychain service did not answer ${name} (${firstLine(error)})` };
    }
    return { backend: loaded };
  }

  /** Finds the module in use, once per process: the first that loads and answers. */
  private open(): Promise<Opened> {
    this.state ??= (async (): Promise<Opened> => {
      if (process.platform === "linux" && !this.env.DBUS_SESSION_BUS_ADDRESS) {
        return { reason: "no D-Bus session, so no Secret Service (gnome-keyring, KeePassXC) can answer" };
      }
      const reasons: string[] = [];
      for (const name of this.backends) {
        const opened = await this.openBackend(name);
        if ("backend" in opened) return opened;
        reasons.push(opened.reason);
      }
      return { reason: reasons.join("; ") };
    })().then((result) => {
      if ("reason" in result) log.info(`OS keychain not used: ${result.reason}; using the file store`);
      else log.debug("OS keychain", { backend: result.backend.name });
      return result;
    });
    return this.state;
  }

  /** The other allowed modules that load and answer, loaded only when a write or a miss needs them. */
  private otherBackends(inUse: KeychainBackend): Promise<KeychainBackend[]> {
    this.others ??= (async () => {
      const found: KeychainBackend[] = [];
      for (const name of this.backends) {
        if (name === inUse.name) continue;
        const opened = await this.openBackend(name);
        if ("backend" in opened) found.push(opened.backend);
        else log.debug("keychain module not used beside the one in use", { backend: name });
      }
      return found;
    })();
    return this.others;
  }

  /** The module in use (throws KEYCHAIN when none can be used). */
  private async backend(): Promise<KeychainBackend> {
    const state = await this.open();
    if ("reason" in state) throw new BackpackError("KEYCHAIN", `the OS keychain cannot be used: ${state.reason}`, "use the file store (BACKPACK_KEYCHAIN=off), or start a keychain service");
    return state.backend;
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(fn(), "the keychain");
    } catch (error) {
      if (isBackpackError(error)) throw error;
      throw new BackpackError("KEYCHAIN", `the OS keychain failed to ${what}`, "check that the keychain is unlocked, or use the file store (BACKPACK_KEYCHAIN=off)", {
        detail: firstLine(error),
      });
    }
  }

  /** The module in use, or undefined when none is; for `backpack doctor`. */
  async backendInUse(): Promise<KeychainBackendName | undefined> {
    const state = await this.open();
    return "backend" in state ? state.backend.name : undefined;
  }

  async describe(): Promise<string> {
    const state = await this.open();
    if ("reason" in state) return `not used: ${state.reason}`;
    const kind = process.platform === "darwin" ? "macOS Keychain" : process.platform === "win32" ? "Credential Manager" : "Secret Service";
    const others = (await this.otherBackends(state.backend)).map((b) => b.name);
    const also = others.length ? `; ${others.join(", ")} also loads, so entries are written through both` : "";
    return `service "${this.service}" (${kind} through ${state.backend.name}${also})`;
  }

  async available(): Promise<true | string> {
    const state = await this.open();
    return "reason" in state ? state.reason : true;
  }

  async get(account: string): Promise<string | undefined> {
    const inUse = await this.backend();
    const value = await this.call("read", () => inUse.getPassword(this.service, account));
    if (value !== null) return value;
    // A miss: the entry may have been stored where only the other module loaded.
    for (const other of await this.otherBackends(inUse)) {
      const found = await this.call("read", () => other.getPassword(this.service, account));
      if (found !== null) return found;
    }
    return undefined;
  }

  async set(account: string, value: string): Promise<void> {
    const inUse = await this.backend();
    await this.call("store a value", () => inUse.setPassword(this.service, account, value));
    for (const other of await this.otherBackends(inUse)) {
      await this.call("store a value", () => other.setPassword(this.service, account, value));
    }
  }

  async delete(account: string): Promise<boolean> {
    const inUse = await this.backend();
    let deleted = await this.call("delete a value", () => inUse.deletePassword(this.service, account));
    for (const other of await this.otherBackends(inUse)) {
      if (await this.call("delete a value", () => other.deletePassword(this.service, account))) deleted = true;
    }
    return deleted;
  }

  async list(): Promise<string[]> {
    const inUse = await this.backend();
    const listing = [inUse, ...(await this.otherBackends(inUse))].filter((b) => b.findAccounts);
    if (listing.length === 0) {
      throw new BackpackError("KEYCHAIN", `the OS keychain cannot list its entries through ${inUse.name} here`, "the vault keeps an index of its names; `backpack key list` uses it");
    }
    const accounts = new Set<string>();
    for (const backend of listing) {
      for (const account of await this.call("list its entries", () => backend.findAccounts?.(this.service) ?? Promise.resolve([]))) accounts.add(account);
    }
    accounts.delete("probe");
    return [...accounts].sort();
  }
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? "error") : "error";
}
