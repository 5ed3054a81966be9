/**
 * Encrypting: one slot (the encrypting half of crypto.ts's construction, with
 * the deflate of large layers), a working form into the stored form, the
 * conflict form, and their fixed text layout (described in agent-lock.ts).
 * Zod-free and a module of its own: the clean filter encrypts a working form
 * read without zod (working-form.ts), and the smudge filter and textconv, which
 * only decrypt, never load fflate (building its tables is about 10 ms of every
 * start). Pure: computation, no IO.
 */
import { createCipheriv } from "node:crypto";
import { deflateSync } from "fflate";
import { canonicalJson } from "./canonical.js";
import { type DerivedKeys, type Slot, aad, deriveKeys, slotKeys, syntheticNonce } from "./crypto.js";
import { CIPHER_ID } from "./types.js";
import type { RepoKey } from "./key-material.js";
import { LAYER_NAMES } from "./types.js";
import type { ConflictForm, EncryptedForm, JsonObject, JsonValue, StoredForm, WorkingForm } from "./schema.js";

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

/** The stored form's fixed, line-per-layer text. */
export function serializeStoredForm(stored: StoredForm): string {
  const slots: [string, string][] = [];
  if (stored.layers.meta !== undefined) slots.push(["meta", stored.layers.meta]);
  for (const layer of LAYER_NAMES) slots.push([layer, stored.layers[layer]]);
  return serializeEncrypted(stored, slots);
}

/** The conflict form's text: the stored form's header and one "conflict" line. */
export function serializeConflictForm(conflict: ConflictForm): string {
  return serializeEncrypted(conflict, [["conflict", conflict.layers.conflict]]);
}

function serializeEncrypted(header: EncryptedForm, slots: [string, string][]): string {
  const lines = [
    "{",
    `  "backpack": "agent.lock",`,
    `  "version": 2,`,
    `  "cipher": ${JSON.stringify(header.cipher)},`,
    `  "key": ${JSON.stringify(header.key)},`,
  ];
  if (header.kdf) lines.push(`  "kdf": ${JSON.stringify(header.kdf)},`);
  lines.push(`  "layers": {`);
  slots.forEach(([slot, token], i) => lines.push(`    "${slot}": "${token}"${i < slots.length - 1 ? "," : ""}`));
  lines.push("  }", "}", "");
  return lines.join("\n");
}

/** Encrypts a working form into its stored form. Deterministic for one key. */
export function encryptWorkingForm(doc: WorkingForm, repoKey: RepoKey): StoredForm {
  const keys = deriveKeys(repoKey.key);
  const seal = (slot: Slot, value: JsonValue, compress = false) =>
    encryptSlot(keys, slot, Buffer.from(canonicalJson(value), "utf8"), compress);
  const layers: StoredForm["layers"] = {
    credentials: seal("credentials", doc.credentials as JsonObject),
    personality: seal("personality", doc.personality),
    memory: seal("memory", doc.memory, true),
  };
  if (doc.agent !== undefined) layers.meta = seal("meta", doc.agent as JsonObject);
  const stored: StoredForm = { backpack: "agent.lock", version: 2, cipher: CIPHER_ID, key: keys.fingerprint, layers };
  if (repoKey.kdf) stored.kdf = repoKey.kdf;
  return stored;
}

/**
 * Encrypts the marked-up text of a conflicted merge into the conflict form.
 * Deterministic, like every layer: the same text and key give the same bytes.
 */
export function encryptConflictText(text: string, repoKey: RepoKey): ConflictForm {
  const keys = deriveKeys(repoKey.key);
  const conflict: ConflictForm = {
    backpack: "agent.lock",
    version: 2,
    cipher: CIPHER_ID,
    key: keys.fingerprint,
    layers: { conflict: encryptSlot(keys, "conflict", Buffer.from(text, "utf8"), true) },
  };
  if (repoKey.kdf) conflict.kdf = repoKey.kdf;
  return conflict;
}
