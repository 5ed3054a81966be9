/**
 * Deterministic authenticated encryption of one layer (an SIV construction).
 * Format 3 (what is written):
 *
 *   aad   = "backpack/v3/" layer "/" flag "/" fileId
 *   nonce = HMAC-SHA256(nonceKey, len32(aad) || aad || payload)[0..12]
 *   token = "v3." flag "." base64url(nonce || AES-256-GCM(encKey, nonce, payload, aad) || tag)
 *
 * and an integrity line over the header and every token (integrityTag), so
 * a layer from another file (other fileId: its AAD fails), an older layer of
 * the same file, or a removed line (the tag fails) is refused. Format 2 (read
 * only): aad = "backpack/v2/" layer "/" flag, nonce = HMAC(nonceKey, flag || payload).
 *
 * encKey and the nonce key are derived per layer with HKDF-SHA256 from the
 * layer's key, the integrity key from the integrity root (KeyRoots: today both
 * are the repo key; with member keys they come from different places), so no
 * two layers or purposes share a key; binding the layer name as AAD means
 * layers cannot be swapped. Equal plaintexts give equal tokens: that is what
 * keeps git's clean filter stable, and the accepted leak (see SECURITY.md).
 * Encrypting is in encrypt.ts (it alone needs fflate). Pure: Node's crypto
 * and zlib are computation here, no IO.
 */
import { createDecipheriv, createHmac, hkdfSync, scryptSync, timingSafeEqual } from "node:crypto";
import { brotliDecompressSync, inflateRawSync } from "node:zlib";
import { BackpackError } from "../errors/errors.js";
import type { KdfParams } from "./schema.js";

export const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_SALT = Buffer.from("backpack/v2/hkdf-salt");
/** Upper bound on an inflated layer, so a crafted token cannot exhaust memory. */
const MAX_INFLATED_BYTES = 1 << 30;
/** A compressed payload this large inflates in larger pieces (small layers keep zlib's default). */
const LARGE_PAYLOAD_BYTES = 16 * 1024;

/**
 * Slots that can be encrypted: the three layers, the metadata line, and the
 * conflict form's marked-up text (its own key, so it can never pass for a layer).
 */
export type Slot = "meta" | "credentials" | "personality" | "memory" | "conflict";

/** The encryption key and the nonce (synthetic IV) key of one slot. */
export interface SlotKeys {
  enc: Buffer;
  mac: Buffer;
}

/**
 * Subkeys derived from one repo key. Never printed; `fingerprint` is safe to
 * show. `slots` are format 2's, `v3` format 3's, `integrity` keys format 3's
 * integrity line.
 */
export interface DerivedKeys {
  readonly fingerprint: string;
  readonly slots: ReadonlyMap<Slot, SlotKeys>;
  readonly v3: ReadonlyMap<Slot, SlotKeys>;
  readonly integrity: Buffer;
}

/**
 * Where format 3's keys come from: the key of each layer, and the key of the
 * integrity line, which every reader of any layer holds. With one repo key
 * both are that key (singleKeyRoots); member keys (teams) give each layer its
 * own root while the integrity root stays shared.
 */
export interface KeyRoots {
  /** The root of a slot's keys; undefined when this user does not hold it (the slot stays sealed). */
  layer(slot: Slot): Buffer | undefined;
  readonly integrity: Buffer;
}

/** The key roots of a repository with one key: every root is the repo key. */
export function singleKeyRoots(repoKey: Buffer): KeyRoots {
  return { layer: () => repoKey, integrity: repoKey };
}

/** What a token is bound to: format 2 binds its slot; format 3 also its file. */
export type Binding = { version: 2 } | { version: 3; file: string };

const SLOTS: readonly Slot[] = ["meta", "credentials", "personality", "memory", "conflict"];
const derivedCache = new Map<string, DerivedKeys>();
/** The same key Buffer again (one filter session decrypts many files): no hashing at all. */
const derivedByBuffer = new WeakMap<Buffer, DerivedKeys>();

function hkdf(key: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", key, HKDF_SALT, Buffer.from(info), KEY_BYTES));
}

/** Derives (and caches in memory) the per-slot subkeys and the fingerprint. */
export function deriveKeys(repoKey: Buffer): DerivedKeys {
  if (repoKey.length !== KEY_BYTES) throw new BackpackError("INTERNAL", `repo key must be ${KEY_BYTES} bytes`);
  const same = derivedByBuffer.get(repoKey);
  if (same) return same;
  const cacheKey = createHmac("sha256", "backpack/v2/cache").update(repoKey).digest("base64");
  const cached = derivedCache.get(cacheKey);
  if (cached) {
    derivedByBuffer.set(repoKey, cached);
    return cached;
  }
  const slots = new Map<Slot, SlotKeys>();
  for (const slot of SLOTS) {
    slots.set(slot, { enc: hkdf(repoKey, `backpack/v2/${slot}/enc`), mac: hkdf(repoKey, `backpack/v2/${slot}/nonce`) });
  }
  const derived: DerivedKeys = { fingerprint: keyFingerprint(repoKey), slots, ...deriveV3Keys(singleKeyRoots(repoKey)) };
  derivedCache.set(cacheKey, derived);
  derivedByBuffer.set(repoKey, derived);
  return derived;
}

/** Format 3's layer and integrity keys from their roots (each with a label of its own). */
export function deriveV3Keys(roots: KeyRoots): { v3: Map<Slot, SlotKeys>; integrity: Buffer } {
  const v3 = new Map<Slot, SlotKeys>();
  for (const slot of SLOTS) {
    const root = roots.layer(slot);
    if (root) v3.set(slot, { enc: hkdf(root, `backpack/v3/${slot}/enc`), mac: hkdf(root, `backpack/v3/${slot}/nonce`) });
  }
  return { v3, integrity: hkdf(roots.integrity, "backpack/v3/integrity") };
}

/**
 * The key roots of a file with a key per layer (team repositories): meta and
 * the integrity line from the file key, which every member holds; each layer
 * from its own key, when held. The conflict line (an unresolved merge, which
 * holds the plaintext of every layer the merger read) from all of them
 * together, so only who holds every one of those keys opens it.
 */
export function layeredKeyRoots(fileKey: Buffer, layers: Partial<Record<"credentials" | "personality" | "memory", Buffer>>): KeyRoots {
  const conflict = createHmac("sha256", fileKey).update("backpack/v3/conflict-root");
  for (const layer of ["credentials", "personality", "memory"] as const) {
    const key = layers[layer];
    if (key) conflict.update(layer).update(key);
  }
  const conflictRoot = conflict.digest();
  return {
    layer: (slot) => (slot === "meta" ? fileKey : slot === "conflict" ? conflictRoot : layers[slot]),
    integrity: fileKey,
  };
}

const layeredCache = new WeakMap<Buffer, Map<string, DerivedKeys>>();
const bufferIds = new WeakMap<Buffer, number>();
let nextBufferId = 1;
const bufferId = (b: Buffer | undefined): string => {
  if (!b) return "-";
  let id = bufferIds.get(b);
  if (id === undefined) {
    id = nextBufferId++;
    bufferIds.set(b, id);
  }
  return String(id);
};

/**
 * Format 3's keys for a file with a key per layer (see layeredKeyRoots);
 * cached per set of key Buffers (one filter session opens many files with
 * the same keys). A slot whose key is not held has no keys: using it throws.
 */
export function deriveLayeredKeys(fileKey: Buffer, layers: Partial<Record<"credentials" | "personality" | "memory", Buffer>>): DerivedKeys {
  if (fileKey.length !== KEY_BYTES) throw new BackpackError("INTERNAL", `repo key must be ${KEY_BYTES} bytes`);
  const id = [layers.credentials, layers.personality, layers.memory].map(bufferId).join("/");
  let byLayers = layeredCache.get(fileKey);
  const cached = byLayers?.get(id);
  if (cached) return cached;
  const derived: DerivedKeys = { fingerprint: keyFingerprint(fileKey), slots: new Map(), ...deriveV3Keys(layeredKeyRoots(fileKey, layers)) };
  if (!byLayers) layeredCache.set(fileKey, (byLayers = new Map()));
  byLayers.set(id, derived);
  return derived;
}

/** A 64-bit fingerprint of the repo key, derived with HKDF (never the key itself). */
export function keyFingerprint(repoKey: Buffer): string {
  return hkdf(repoKey, "backpack/v2/fingerprint").subarray(0, 8).toString("hex");
}

/** scrypt's memory (128 * N * r bytes) is held to 256 MiB, its work (N * r * p) to 2^24. */
const MAX_SCRYPT_NR = 2 ** 21;
const MAX_SCRYPT_WORK = 2 ** 24;

/** Why scrypt would not run with these parameters (too much memory or work), or undefined. */
export function kdfProblem(kdf: KdfParams): string | undefined {
  const N = 2 ** kdf.logN;
  if (N * kdf.r > MAX_SCRYPT_NR) return `scrypt N=2^${kdf.logN}, r=${kdf.r} needs more than 256 MiB`;
  if (N * kdf.r * kdf.p > MAX_SCRYPT_WORK) return `scrypt N=2^${kdf.logN}, r=${kdf.r}, p=${kdf.p} is more work than backpack allows`;
  return undefined;
}

/** True when `kdf` costs a guesser at least as much as `floor` (memory and work). */
export function kdfCostAtLeast(kdf: Omit<KdfParams, "salt">, floor: Omit<KdfParams, "salt">): boolean {
  const nr = (k: Omit<KdfParams, "salt">) => 2 ** k.logN * k.r;
  return nr(kdf) >= nr(floor) && nr(kdf) * kdf.p >= nr(floor) * floor.p;
}

/**
 * Stretches a passphrase into a repo key with scrypt. Deterministic for one
 * salt. Throws INVALID_FILE for parameters beyond the bounds (kdfProblem):
 * a planted header must not exhaust memory.
 */
export function keyFromPassphrase(passphrase: string, kdf: KdfParams): Buffer {
  const problem = kdfProblem(kdf);
  if (problem) throw new BackpackError("INVALID_FILE", `refusing the key derivation parameters: ${problem}`, "use the parameters of `backpack setup` (kdf.log_n at most 18)");
  const N = 2 ** kdf.logN;
  return scryptSync(passphrase.normalize("NFC"), Buffer.from(kdf.salt, "base64url"), KEY_BYTES, {
    N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * N * kdf.r + 1024 * 1024,
  });
}

/** The encryption and nonce keys of one slot, for the binding's format. */
export function slotKeys(keys: DerivedKeys, slot: Slot, binding: Binding = { version: 2 }): SlotKeys {
  const k = (binding.version === 3 ? keys.v3 : keys.slots).get(slot);
  if (!k) throw new BackpackError("INTERNAL", `unknown layer slot ${slot}`);
  return k;
}

/** The associated data: binds the slot name, the flag and (format 3) the file id to the ciphertext. */
export function aad(slot: Slot, flag: string, binding: Binding = { version: 2 }): Buffer {
  return Buffer.from(binding.version === 3 ? `backpack/v3/${slot}/${flag}/${binding.file}` : `backpack/v2/${slot}/${flag}`);
}

/** The associated data's length, big-endian, as the synthetic IV hashes it (format 3). */
const AAD_LENGTH = Buffer.alloc(4);

/**
 * The synthetic IV: the nonce this payload gives under the slot's nonce key.
 * Format 3 feeds the whole associated data in too: one key and nonce must
 * never seal the same payload under two AADs (GCM would leak its hash key).
 */
export function syntheticNonce(mac: Buffer, flag: string, payload: Buffer, associated?: Buffer): Buffer {
  const hmac = createHmac("sha256", mac);
  if (associated) {
    // update() copies what it is given, so one scratch buffer serves every call (Buffer.alloc made a backing store per layer).
    AAD_LENGTH.writeUInt32BE(associated.length);
    hmac.update(AAD_LENGTH).update(associated);
  } else {
    hmac.update(flag);
  }
  return hmac.update(payload).digest().subarray(0, NONCE_BYTES);
}

/** The token prefix of a format: "v2." or "v3.". */
export function tokenPrefix(binding: Binding): string {
  return `v${binding.version}.`;
}

/**
 * Format 3's integrity line: HMAC-SHA256 under the integrity key over the
 * header fields and every slot's token, in order, each slot named (so a
 * removed, added, reordered or older line changes it). base64url, 43 chars.
 */
export function integrityTag(keys: DerivedKeys, header: string[], slots: ReadonlyArray<readonly [string, string]>): string {
  const hmac = createHmac("sha256", keys.integrity).update("backpack/v3/integrity\n");
  for (const field of header) hmac.update(`${field}\n`);
  for (const [slot, token] of slots) hmac.update(`${slot}=${token}\n`);
  return hmac.digest("base64url");
}

/** True when `tag` is the integrity line these fields and tokens give (compared in constant time). */
export function integrityMatches(keys: DerivedKeys, header: string[], slots: ReadonlyArray<readonly [string, string]>, tag: string): boolean {
  const expected = Buffer.from(integrityTag(keys, header, slots));
  const given = Buffer.from(tag);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Why a token did not decrypt: malformed, or failed authentication. */
export type SlotFailure = "malformed" | "unauthentic";

const TOKEN = /^v([23])\.([jzb])\.[A-Za-z0-9_-]+$/;
const TOKEN_HEAD = /^v([23])\.([jzb])\.(?=.)/;

/**
 * Decrypts one token, or says why it could not. Never throws for bad input.
 * `checked`: the token already matched its format's token pattern (the
 * stored-form reader's or the schema's), which covers every character, so
 * only its head is read again: the body of a 1 MB memory layer is half a
 * megabyte of characters, about 1 ms of regex per version `git log -p`
 * smudges. The check only names a malformed token as such: the decoded bytes
 * are authenticated either way (AES-GCM, then the synthetic IV).
 */
export function tryDecryptSlot(keys: DerivedKeys, slot: Slot, token: string, binding: Binding = { version: 2 }, checked = false): Buffer | SlotFailure {
  const match = (checked ? TOKEN_HEAD : TOKEN).exec(token);
  if (!match || Number(match[1]) !== binding.version) return "malformed";
  const flag = match[2] as string;
  const body = Buffer.from(token.slice(5), "base64url");
  if (body.length < NONCE_BYTES + TAG_BYTES) return "malformed";
  const nonce = body.subarray(0, NONCE_BYTES);
  const tag = body.subarray(body.length - TAG_BYTES);
  const { enc, mac } = slotKeys(keys, slot, binding);
  const associated = aad(slot, flag, binding);
  let payload: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", enc, nonce);
    decipher.setAAD(associated);
    decipher.setAuthTag(tag);
    const head = decipher.update(body.subarray(NONCE_BYTES, body.length - TAG_BYTES));
    const tail = decipher.final(); // empty for GCM: no copy then
    payload = tail.length === 0 ? head : Buffer.concat([head, tail]);
  } catch {
    return "unauthentic";
  }
  // The synthetic IV must be the one this plaintext yields: a second integrity check.
  if (!timingSafeEqual(syntheticNonce(mac, flag, payload, binding.version === 3 ? associated : undefined), nonce)) return "unauthentic";
  if (flag === "z" || flag === "b") {
    try {
      // A large layer in 64 KiB pieces rather than zlib's 16 KiB: a quarter less time on a 1 MB memory (2.0 against 2.7 ms).
      const options = { maxOutputLength: MAX_INFLATED_BYTES, ...(payload.length >= LARGE_PAYLOAD_BYTES ? { chunkSize: 64 * 1024 } : {}) };
      if (flag === "b") return brotliDecompressSync(payload, options);
      return inflateRawSync(payload, options);
    } catch {
      return "malformed";
    }
  }
  return payload;
}
