/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Manager,
 * Secret Service on Linux), service "backpack-agent" unless the
 * keychain_service setting (or BACKPACK_KEYCHAIN_SERVICE) names another. keytar is an optional
 * dependency: when it cannot load, or no keychain service answers, the source
 * says so once (at info level; `backpack doctor` shows it) and the resolver
 * falls through to the file store.
 */
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { log } from "../output/log.js";
import type { KeySource } from "./key-source.js";

export const DEFAULT_KEYCHAIN_SERVICE = "backpack-agent";
/** A keychain that does not answer within this time is treated as absent. */
const PROBE_TIMEOUT_MS = 5000;

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), PROBE_TIMEOUT_MS);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class KeychainKeySource implements KeySource {
  readonly name = "keychain";
  readonly writable = true;
  readonly service: string;
  private state: Promise<{ keytar: Keytar } | { reason: string }> | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** The keychain_service setting (the caller resolves its precedence). */
    service?: string,
  ) {
    this.service = service || env.BACKPACK_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE;
  }

  /** Loads keytar and probes the service once per process. */
  private open(): Promise<{ keytar: Keytar } | { reason: string }> {
    this.state ??= (async () => {
      if (process.platform === "linux" && !this.env.DBUS_SESSION_BUS_ADDRESS) {
        return { reason: "no D-Bus session, so no Secret Service (gnome-keyring, KeePassXC) can answer" };
      }
      let keytar: Keytar;
      try {
        const mod = (await import("keytar")) as unknown as { default?: Keytar } & Keytar;
        keytar = mod.default ?? mod;
      } catch {
        return { reason: "the optional keytar module is not installed (on Linux it needs libsecret)" };
      }
      try {
        await withTimeout(keytar.getPassword(this.service, "probe"), "the keychain");
      } catch (error) {
        return { reason: `the keychain service did not answer (${error instanceof Error ? error.message.split("\n")[0] : "error"})` };
      }
      return { keytar };
    })().then((result) => {
      if ("reason" in result) log.info(`OS keychain not used: ${result.reason}; using the file store`);
      return result;
    });
    return this.state;
  }

  private async keytar(): Promise<Keytar> {
    const state = await this.open();
    if ("reason" in state) throw new BackpackError("KEYCHAIN", `the OS keychain cannot be used: ${state.reason}`, "use the file store (BACKPACK_KEYCHAIN=off), or start a keychain service");
    return state.keytar;
  }

  private async call<T>(what: string, fn: (k: Keytar) => Promise<T>): Promise<T> {
    const keytar = await this.keytar();
    try {
      return await withTimeout(fn(keytar), "the keychain");
    } catch (error) {
      if (isBackpackError(error)) throw error;
      throw new BackpackError("KEYCHAIN", `the OS keychain failed to ${what}`, "check that the keychain is unlocked, or use the file store (BACKPACK_KEYCHAIN=off)", {
        detail: error instanceof Error ? error.message.split("\n")[0] : undefined,
      });
    }
  }

  async describe(): Promise<string> {
    const state = await this.open();
    return "reason" in state ? `not used: ${state.reason}` : `service "${this.service}" (${process.platform === "darwin" ? "macOS Keychain" : process.platform === "win32" ? "Credential Manager" : "Secret Service"})`;
  }

  async available(): Promise<true | string> {
    const state = await this.open();
    return "reason" in state ? state.reason : true;
  }

  async get(account: string): Promise<string | undefined> {
    return (await this.call("read", (k) => k.getPassword(this.service, account))) ?? undefined;
  }

  async set(account: string, value: string): Promise<void> {
    await this.call("store a value", (k) => k.setPassword(this.service, account, value));
  }

  async delete(account: string): Promise<boolean> {
    return this.call("delete a value", (k) => k.deletePassword(this.service, account));
  }

  async list(): Promise<string[]> {
    const found = await this.call("list its entries", (k) => k.findCredentials(this.service));
    return found.map((c) => c.account).filter((a) => a !== "probe").sort();
  }
}
