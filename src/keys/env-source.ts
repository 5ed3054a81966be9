/**
 * The environment as a key source: the master key variable (AGENT_MASTER_KEY,
 * or the one the master_key_env setting names) holds an exported repo key
 * (`BACKPACK-KEY-1:...`) or a passphrase, as the Python tool used. Read-only.
 * The resolver turns a passphrase into a key (it needs the KDF salt); this
 * source answers only for an exported key.
 */
import { exportRepoKey, parseExportedKey } from "../core/key-material.js";
import { keyFingerprint } from "../core/crypto.js";
import { BackpackError } from "../errors/errors.js";
import { type KeySource, repoKeyAccount } from "./key-source.js";

/** The master key variable when the master_key_env setting does not name another. */
export const MASTER_KEY_ENV = "AGENT_MASTER_KEY";

export class EnvKeySource implements KeySource {
  readonly name = "environment";
  readonly writable = false;
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    /** The variable read (the master_key_env setting). */
    readonly variable: string = MASTER_KEY_ENV,
  ) {}

  private text(): string | undefined {
    const value = this.env[this.variable];
    return value ? value : undefined;
  }

  async describe(): Promise<string> {
    const text = this.text();
    if (!text) return `${this.variable} is not set`;
    try {
      const raw = parseExportedKey(text);
      return raw ? `${this.variable} holds exported key ${keyFingerprint(raw)}` : `${this.variable} holds a passphrase`;
    } catch {
      return `${this.variable} holds a damaged exported key`;
    }
  }

  async available(): Promise<true | string> {
    return this.text() ? true : `${this.variable} is not set`;
  }

  async get(account: string): Promise<string | undefined> {
    const text = this.text();
    if (!text) return undefined;
    const raw = parseExportedKey(text);
    if (raw && account === repoKeyAccount(keyFingerprint(raw))) return exportRepoKey(raw);
    return undefined;
  }

  async set(): Promise<void> {
    throw new BackpackError("KEYCHAIN", "the environment cannot store keys", "store it in the keychain or file store instead");
  }

  async delete(): Promise<boolean> {
    return false;
  }

  async list(): Promise<string[]> {
    const text = this.text();
    const raw = text ? parseExportedKey(text) : undefined;
    return raw ? [repoKeyAccount(keyFingerprint(raw))] : [];
  }
}
