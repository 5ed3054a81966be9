/**
 * The encrypting half of crypto.ts's construction, with the deflate of large
 * layers. A module of its own so that the smudge filter and textconv, which
 * only decrypt, never load fflate: building its tables is about 10 ms of
 * every start. Pure: computation, no IO.
 */
import { createCipheriv } from "node:crypto";
import { deflateSync } from "fflate";
import { type DerivedKeys, type Slot, aad, slotKeys, syntheticNonce } from "./crypto.js";

/** Memory layers smaller than this are never worth compressing. */
const COMPRESS_MIN_BYTES = 512;
/** Part of the format: fflate (exact version in package.json) at this level. */
const DEFLATE_LEVEL = 1;
/** Compressed output must save at least this fraction to be used. */
const COMPRESS_MIN_SAVING = 0.1;

/** Encrypts one layer's canonical bytes. `compress` allows deflate when it pays. */
export function encryptSlot(keys: DerivedKeys, slot: Slot, plaintext: Buffer, compress = false): string {
  let flag = "j";
  let payload = plaintext;
  if (compress && plaintext.length >= COMPRESS_MIN_BYTES) {
    // fflate, pinned to one exact version, not node:zlib: zlib's deflate output
    // differs between Node releases (Chromium zlib, zlib-ng) and CPUs, and the
    // clean filter must give the same bytes on every machine. Inflating any
    // valid stream is the same everywhere, so reading uses native zlib.
    const deflated = Buffer.from(deflateSync(plaintext, { level: DEFLATE_LEVEL }));
    if (deflated.length <= plaintext.length * (1 - COMPRESS_MIN_SAVING)) {
      flag = "z";
      payload = deflated;
    }
  }
  const { enc, mac } = slotKeys(keys, slot);
  const nonce = syntheticNonce(mac, flag, payload);
  const cipher = createCipheriv("aes-256-gcm", enc, nonce);
  cipher.setAAD(aad(slot, flag));
  const body = Buffer.concat([nonce, cipher.update(payload), cipher.final(), cipher.getAuthTag()]);
  return `v2.${flag}.${body.toString("base64url")}`;
}
