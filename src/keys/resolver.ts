/**
 * The contract between commands/filters and the key stores: find the key for
 * a stored file, or the key new files are encrypted with. Implemented by
 * `createKeyResolver` in ./sources.ts.
 */
import type { RepoKey } from "../core/key-material.js";
import type { KdfParams } from "../core/schema.js";
import type { LayerName } from "../core/types.js";

/**
 * What a stored form's header says about its keys: the (file) key's
 * fingerprint, the KDF of a passphrase key, and for a file with a key per
 * layer (team repositories) each layer's key: the key found then carries the
 * layer keys this user holds (RepoKey.layers).
 */
export interface KeyHeader {
  key: string;
  kdf?: KdfParams;
  keys?: Partial<Record<LayerName, string>> | undefined;
}

export interface KeyResolver {
  /**
   * The key for a stored form's header (fingerprint and optional KDF params),
   * tried across sources in order. Throws BackpackError NO_KEY (how to unlock)
   * when no source has it, or WRONG_KEY when only a different key is at hand.
   */
  keyFor(header: KeyHeader, fileName: string): Promise<RepoKey>;
  /** Like keyFor, but undefined instead of NO_KEY/WRONG_KEY (smudge passes through). */
  tryKeyFor(header: KeyHeader): Promise<RepoKey | undefined>;
  /**
   * The key new files are encrypted with: the repository's key (git config
   * backpack.key) or the user's default key outside a repository. With
   * `create`, makes and stores one when there is none.
   */
  defaultKey(options?: { create?: boolean }): Promise<RepoKey>;
  /** The passphrase for format "1.0" files: AGENT_MASTER_KEY, else "default-key". */
  v1Passphrase(): string;
}
