/**
 * Sealing the filter's records of decrypted text (git/render-cache.ts): a
 * `git log -p` hands git each large version's working form, and the filter
 * process keeps it for later diffs so it need not decrypt, inflate and
 * re-serialize the version again. The record holds plaintext (personality,
 * memory, embedded credential values), so it is sealed with AES-256-GCM under
 * a key derived from every key that opened the file: it opens only while
 * those keys are at hand (a file whose key is gone stays locked), and a
 * record that was changed, cut short or moved to another name does not open.
 * It is also bound to what else shapes the text: the readers a sealed layer
 * names come from the team file, not from the stored bytes or the keys.
 * Pure: Node's crypto is computation here; the nonce is passed in.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from "node:crypto";
import type { RepoKey } from "./key-material.js";

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const LAYER_ORDER = ["credentials", "personality", "memory"] as const;
/** One sealing key per key object: a filter process opens many versions with the same key. */
const sealingKeys = new WeakMap<RepoKey, Buffer>();

/**
 * The sealing key of records made with `key`: HKDF of the file key, then
 * bound to each layer key this user holds (a team member who loses a layer
 * loses the records that show it) and to each layer's readers (the team
 * file's names, which a sealed layer shows: after the team file changes,
 * a record made before does not open, and the text is decrypted anew).
 */
export function recordSealingKey(key: RepoKey): Buffer {
  let sealing = sealingKeys.get(key);
  if (!sealing) {
    const mac = createHmac("sha256", Buffer.from(hkdfSync("sha256", key.key, Buffer.from("backpack/record/salt"), Buffer.from("backpack/record/v1"), 32)));
    for (const layer of LAYER_ORDER) {
      const held = key.layers?.[layer]?.key;
      mac.update(held ? Buffer.concat([Buffer.from(`${layer}:`), held]) : Buffer.from(`${layer}-`));
    }
    // Names are [A-Za-z0-9._@+-] (sealed.ts): JSON keeps each list apart from the next.
    mac.update(JSON.stringify(LAYER_ORDER.map((layer) => key.layers?.[layer]?.readers ?? null)));
    sealing = mac.digest();
    sealingKeys.set(key, sealing);
  }
  return sealing;
}

/** `plaintext` sealed: nonce, ciphertext, tag. `associated` (the record's name and header) is bound, not stored. */
export function sealRecord(key: RepoKey, nonce: Buffer, plaintext: Buffer, associated: Buffer): Buffer {
  if (nonce.length !== NONCE_BYTES) throw new RangeError("a record's nonce is 12 bytes");
  const cipher = createCipheriv("aes-256-gcm", recordSealingKey(key), nonce);
  cipher.setAAD(associated);
  return Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The plaintext of a sealed record, or undefined when it does not open with this key and `associated`. */
export function openRecord(key: RepoKey, sealed: Buffer, associated: Buffer): Buffer | undefined {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", recordSealingKey(key), sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(associated);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plaintext = decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES));
    decipher.final();
    return plaintext;
  } catch {
    return undefined;
  }
}
