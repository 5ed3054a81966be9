/**
 * Deterministic authenticated encryption of one layer (an SIV construction):
 *
 *   nonce = HMAC-SHA256(macKey, flag || payload)[0..12]
 *   token = "v2." flag "." base64url(nonce || AES-256-GCM(encKey, nonce, payload, aad) || tag)
 *   aad   = "backpack/v2/" layer "/" flag
 *
 * encKey and macKey are derived per layer with HKDF-SHA256 from the repo key,
 * so no two layers or purposes share a key; binding the layer name as AAD means
 * layers cannot be swapped. Equal plaintexts give equal tokens: that is what
 * keeps git's clean filter stable, and the accepted leak (see SECURITY.md).
 * Encrypting is in encrypt.ts (it alone needs fflate). Pure: Node's crypto
 * and zlib are computation here, no IO.
 */
import { createDecipheriv, createHmac, hkdfSync, scryptSync, timingSafeEqual } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { BackpackError } from "../errors/errors.js";
import type { KdfParams } from "./schema.js";

export const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_SALT = Buffer.from("backpack/v2/hkdf-salt");
/** Upper bound on an inflated layer, so a crafted token cannot exhaust memory. */
const MAX_INFLATED_BYTES = 1 << 30;

/**
 * Slots that can be encrypted: the three layers, the metadata line, and the
 * conflict form's marked-up text (its own key, so it can never pass for a layer).
 */
export type Slot = "meta" | "credentials" | "personality" | "memory" | "conflict";

/** Subkeys derived from one repo key. Never printed; `fingerprint` is safe to show. */
export interface DerivedKeys {
  readonly fingerprint: string;
  readonly slots: ReadonlyMap<Slot, { enc: Buffer; mac: Buffer }>;
}

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
  const slots = new Map<Slot, { enc: Buffer; mac: Buffer }>();
  for (const slot of SLOTS) {
    slots.set(slot, { enc: hkdf(repoKey, `backpack/v2/${slot}/enc`), mac: hkdf(repoKey, `backpack/v2/${slot}/nonce`) });
  }
  const derived = { fingerprint: keyFingerprint(repoKey), slots };
  derivedCache.set(cacheKey, derived);
  derivedByBuffer.set(repoKey, derived);
  return derived;
}

/** A 64-bit fingerprint of the repo key, derived with HKDF (never the key itself). */
export function keyFingerprint(repoKey: Buffer): string {
  return hkdf(repoKey, "backpack/v2/fingerprint").subarray(0, 8).toString("hex");
}

/** Stretches a passphrase into a repo key with scrypt. Deterministic for one salt. */
export function keyFromPassphrase(passphrase: string, kdf: KdfParams): Buffer {
  const N = 2 ** kdf.logN;
  return scryptSync(passphrase.normalize("NFC"), Buffer.from(kdf.salt, "base64url"), KEY_BYTES, {
    N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * N * kdf.r + 1024 * 1024,
  });
}

/** The encryption and nonce keys of one slot. */
export function slotKeys(keys: DerivedKeys, slot: Slot): { enc: Buffer; mac: Buffer } {
  const k = keys.slots.get(slot);
  if (!k) throw new BackpackError("INTERNAL", `unknown layer slot ${slot}`);
  return k;
}

/** The associated data: binds the slot name and the flag to the ciphertext. */
export function aad(slot: Slot, flag: string): Buffer {
  return Buffer.from(`backpack/v2/${slot}/${flag}`);
}

/** The synthetic IV: the nonce this flag and payload give under the slot's nonce key. */
export function syntheticNonce(mac: Buffer, flag: string, payload: Buffer): Buffer {
  return createHmac("sha256", mac).update(flag).update(payload).digest().subarray(0, NONCE_BYTES);
}

/** Why a token did not decrypt: malformed, or failed authentication. */
export type SlotFailure = "malformed" | "unauthentic";

/** Decrypts one token, or says why it could not. Never throws for bad input. */
export function tryDecryptSlot(keys: DerivedKeys, slot: Slot, token: string): Buffer | SlotFailure {
  const match = /^v2\.([jz])\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!match) return "malformed";
  const flag = match[1] as string;
  const body = Buffer.from(match[2] as string, "base64url");
  if (body.length < NONCE_BYTES + TAG_BYTES) return "malformed";
  const nonce = body.subarray(0, NONCE_BYTES);
  const tag = body.subarray(body.length - TAG_BYTES);
  const { enc, mac } = slotKeys(keys, slot);
  let payload: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", enc, nonce);
    decipher.setAAD(aad(slot, flag));
    decipher.setAuthTag(tag);
    payload = Buffer.concat([decipher.update(body.subarray(NONCE_BYTES, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return "unauthentic";
  }
  // The synthetic IV must be the one this plaintext yields: a second integrity check.
  if (!timingSafeEqual(syntheticNonce(mac, flag, payload), nonce)) return "unauthentic";
  if (flag === "z") {
    try {
      return inflateRawSync(payload, { maxOutputLength: MAX_INFLATED_BYTES });
    } catch {
      return "malformed";
    }
  }
  return payload;
}
