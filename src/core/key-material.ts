/**
 * What unlocks an agent.lock: a raw 256-bit repo key, or a passphrase that
 * scrypt stretches into one. The exported one-line form of a repo key is
 * `BACKPACK-KEY-1:` followed by base64url; anything else in AGENT_MASTER_KEY is
 * treated as a passphrase, as the Python tool did.
 */
import { createHash } from "node:crypto";
import { BackpackError } from "../errors/errors.js";
import { KEY_BYTES, keyFingerprint, keyFromPassphrase } from "./crypto.js";
import type { KdfParams } from "./schema.js";
import type { LayerName } from "./types.js";

export const EXPORTED_KEY_PREFIX = "BACKPACK-KEY-1:";

/** The passphrase the Python tool (format 1.0) used when AGENT_MASTER_KEY was unset. */
export const V1_DEFAULT_PASSPHRASE = "default-key";

/** The scrypt cost of a passphrase key: its parameters without the salt. */
export type KdfCost = Omit<KdfParams, "salt">;

export type UnlockKey =
  | { kind: "raw"; key: Buffer }
  | { kind: "passphrase"; passphrase: string; /** for new files; a stored file's header wins */ kdf?: KdfParams };

/** One layer's key in a team repository with a key per layer: its fingerprint, and the key when this user holds it. */
export interface LayerKey {
  /** The fingerprint of the layer's key (named in the file's header). */
  fingerprint: string;
  /** The key itself, when this user holds it; absent for a layer sealed to them. */
  key?: Buffer;
  /** Who reads the layer (the team file's names), shown on a sealed layer. */
  readers?: string[];
}

/**
 * A key ready for use: the 32 bytes, and the KDF parameters when it came from
 * a passphrase. With `layers` (a team repository with a key per layer), `key`
 * is the file key, which every member holds (the meta line and the integrity
 * line), and each layer has a key of its own, held only by its readers: a
 * layer whose key is missing here stays sealed (see sealed.ts).
 */
export interface RepoKey {
  /** The 32 key bytes. Never print them. */
  key: Buffer;
  /** The scrypt parameters, when the key came from a passphrase. */
  kdf?: KdfParams;
  /** 16 hex digits that name the key (agent.lock's header `key`); derived one way, safe to show. */
  fingerprint: string;
  /** In a team repository with a key per layer: each layer's key (or only its fingerprint, when sealed to this user). */
  layers?: Record<LayerName, LayerKey>;
}

/** A new file id (format 3's header) from 16 random bytes (randomness is passed in). */
export function newFileId(random: Buffer): string {
  if (random.length !== 16) throw new BackpackError("INTERNAL", "a file id needs 16 random bytes");
  return random.toString("base64url");
}

/** Makes a new repo key from 32 random bytes (randomness is passed in: the core does no IO). */
export function newRepoKey(random: Buffer): RepoKey {
  if (random.length !== KEY_BYTES) throw new BackpackError("INTERNAL", "a repo key needs 32 random bytes");
  return { key: Buffer.from(random), fingerprint: keyFingerprint(random) };
}

/** The single-line export of a repo key. */
export function exportRepoKey(key: Buffer): string {
  return EXPORTED_KEY_PREFIX + key.toString("base64url");
}

/** Parses a single-line exported key; undefined when the text is not one. */
export function parseExportedKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith(EXPORTED_KEY_PREFIX)) return undefined;
  const body = trimmed.slice(EXPORTED_KEY_PREFIX.length);
  const bytes = Buffer.from(body, "base64url");
  if (bytes.length !== KEY_BYTES || bytes.toString("base64url") !== body) {
    throw new BackpackError("INVALID_FILE", "the exported key is damaged (wrong length or characters)", "export it again with `backpack key export`");
  }
  return bytes;
}

/** Reads AGENT_MASTER_KEY-style text: an exported key, else a passphrase. */
export function unlockKeyFromText(text: string, kdf?: KdfParams): UnlockKey {
  const raw = parseExportedKey(text);
  if (raw) return { kind: "raw", key: raw };
  if (text.length === 0) throw new BackpackError("NO_KEY", "the master key is empty", "set AGENT_MASTER_KEY to an exported key or a passphrase");
  return kdf ? { kind: "passphrase", passphrase: text, kdf } : { kind: "passphrase", passphrase: text };
}

const passphraseCache = new Map<string, Buffer>();

/**
 * Turns an unlock key into a repo key. For a passphrase, the KDF parameters come
 * from the stored file's header when there is one (so any file names its own
 * salt), else from the key's own (the repository's configured salt).
 */
export function resolveRepoKey(unlock: UnlockKey, headerKdf?: KdfParams): RepoKey {
  if (unlock.kind === "raw") return { key: unlock.key, fingerprint: keyFingerprint(unlock.key) };
  const kdf = headerKdf ?? unlock.kdf;
  if (!kdf) {
    throw new BackpackError("NO_KEY", "a passphrase needs KDF parameters (a salt) to become a key", "run `backpack setup` in the repository, which records a salt");
  }
  // scrypt is deliberately slow: derive once per process for each passphrase and salt.
  const cacheKey = createHash("sha256").update(JSON.stringify(kdf)).update("\0").update(unlock.passphrase).digest("base64");
  let key = passphraseCache.get(cacheKey);
  if (!key) {
    key = keyFromPassphrase(unlock.passphrase, kdf);
    passphraseCache.set(cacheKey, key);
  }
  return { key, kdf, fingerprint: keyFingerprint(key) };
}

/**
 * The repo key a stored entry holds, when it is an exported key whose
 * fingerprint is `fingerprint`; undefined for anything else (a damaged entry,
 * another key), so a caller can try the next place.
 */
export function storedKeyMatching(text: string, fingerprint: string): RepoKey | undefined {
  let raw: Buffer | undefined;
  try {
    raw = parseExportedKey(text);
  } catch {
    return undefined;
  }
  const key = raw ? resolveRepoKey({ kind: "raw", key: raw }) : undefined;
  return key && key.fingerprint === fingerprint ? key : undefined;
}
