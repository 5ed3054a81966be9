/**
 * Encrypting: one slot (the encrypting half of crypto.ts's construction, with
 * the deflate of large layers), a working form into the stored form, the
 * conflict form, and their fixed text layout (described in agent-lock.ts).
 * Zod-free and a module of its own: the clean filter encrypts a working form
 * read without zod (working-form.ts), and the smudge filter and textconv, which
 * only decrypt, never load fflate (building its tables is about 10 ms of every
 * start). Pure: computation, no IO.
 */
import { createCipheriv, createHmac } from "node:crypto";
import { brotliCompressSync, constants as zlibConstants } from "node:zlib";
import { deflateSync } from "fflate";
import { canonicalJson } from "./canonical.js";
import { BackpackError } from "../errors/errors.js";
import { type Binding, type DerivedKeys, type Slot, aad, deriveKeys, deriveLayeredKeys, integrityTag, slotKeys, syntheticNonce, tokenPrefix, tryDecryptSlot } from "./crypto.js";
import { sealedLayerNames } from "./sealed.js";
import { CIPHER_ID, LARGE_LAYER_BYTES, LAYER_NAMES, type LayerName } from "./types.js";
import type { RepoKey } from "./key-material.js";
import type { ConflictForm, EncryptedForm, JsonObject, JsonValue, StoredForm, WorkingForm } from "./schema.js";
import { integrityHeader, storedSlots } from "./stored-form.js";

/** Memory layers smaller than this are never worth compressing. */
const COMPRESS_MIN_BYTES = 512;
/** Layers of at least LARGE_LAYER_BYTES (types.ts) are large: see there. Re-exported for the callers of this module. */
export { LARGE_LAYER_BYTES };
/** Part of the format: fflate (exact version in package.json) at this level, for layers under LARGE_LAYER_BYTES. */
const DEFLATE_LEVEL = 1;
/** Brotli's quality for large layers: measured fastest to compress (bench/codecs.mjs), and smaller than deflate. */
const BROTLI_QUALITY = 1;
/** Compressed output must save at least this fraction to be used. */
const COMPRESS_MIN_SAVING = 0.1;

/** The stored tokens a clean may keep, by slot: what git holds for the file (its index entry). */
export type PreviousTokens = Partial<Record<Slot, string>>;

/** A layer's payload and its flag: compressed when that pays. */
function compressLayer(plaintext: Buffer): { flag: string; payload: Buffer } {
  let deflated: Buffer;
  let flag: string;
  if (plaintext.length >= LARGE_LAYER_BYTES) {
    // Node's own brotli: a few ms a MB where fflate takes 25 to 100. Its output is the same for the same
    // input on one build, not promised across brotli releases: that is what the reuse of a stored
    // token is for (a file touched but not changed keeps the bytes git holds, on every machine).
    deflated = brotliCompressSync(plaintext, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } });
    flag = "b";
  } else {
    // fflate, pinned to one exact version, not node:zlib: zlib's deflate output
    // differs between Node releases (Chromium zlib, zlib-ng) and CPUs, and a small
    // file's clean must give the same bytes on every machine without asking git.
    // Inflating any valid stream is the same everywhere, so reading uses native zlib.
    deflated = Buffer.from(deflateSync(plaintext, { level: DEFLATE_LEVEL }));
    flag = "z";
  }
  if (deflated.length <= plaintext.length * (1 - COMPRESS_MIN_SAVING)) return { flag, payload: deflated };
  return { flag: "j", payload: plaintext };
}

/**
 * Encrypts one layer's canonical bytes. `compress` allows compression when it
 * pays. `previous`: the token stored for this slot before; for a large
 * compressed layer it is returned as it is when it opens, under these keys
 * and this binding, to exactly `plaintext` (a token authenticates only under
 * our key, so a hostile index cannot plant one). Then a file committed with
 * another compressor (an older release's fflate, another machine's brotli)
 * and touched but not changed cleans to the bytes git holds.
 */
export function encryptSlot(keys: DerivedKeys, slot: Slot, plaintext: Buffer, compress = false, binding: Binding = { version: 2 }, previous?: string): string {
  let flag = "j";
  let payload = plaintext;
  if (compress && plaintext.length >= COMPRESS_MIN_BYTES) {
    if (previous !== undefined && plaintext.length >= LARGE_LAYER_BYTES) {
      const opened = tryDecryptSlot(keys, slot, previous, binding);
      if (typeof opened !== "string" && opened.equals(plaintext)) return previous;
    }
    ({ flag, payload } = compressLayer(plaintext));
  }
  const { enc, mac } = slotKeys(keys, slot, binding);
  const associated = aad(slot, flag, binding);
  const nonce = syntheticNonce(mac, flag, payload, binding.version === 3 ? associated : undefined);
  const cipher = createCipheriv("aes-256-gcm", enc, nonce);
  cipher.setAAD(associated);
  const body = Buffer.concat([nonce, cipher.update(payload), cipher.final(), cipher.getAuthTag()]);
  return `${tokenPrefix(binding)}${flag}.${body.toString("base64url")}`;
}

/** The stored form's fixed, line-per-layer text. */
export function serializeStoredForm(stored: StoredForm): string {
  return serializeEncrypted(stored, storedSlots(stored));
}

/** The conflict form's text: the stored form's header and one "conflict" line. */
export function serializeConflictForm(conflict: ConflictForm): string {
  return serializeEncrypted(conflict, [["conflict", conflict.layers.conflict]]);
}

function serializeEncrypted(header: EncryptedForm, slots: (readonly [string, string])[]): string {
  const lines = [
    "{",
    `  "backpack": "agent.lock",`,
    `  "version": ${header.version},`,
    `  "cipher": ${JSON.stringify(header.cipher)},`,
    `  "key": ${JSON.stringify(header.key)},`,
  ];
  if (header.version === 3) lines.push(`  "id": ${JSON.stringify(header.id)},`);
  if (header.version === 3 && header.keys) lines.push(`  "keys": ${canonicalJson(header.keys as JsonObject)},`);
  if (header.kdf) lines.push(`  "kdf": ${JSON.stringify(header.kdf)},`);
  lines.push(`  "layers": {`);
  slots.forEach(([slot, token], i) => lines.push(`    "${slot}": "${token}"${i < slots.length - 1 ? "," : ""}`));
  if (header.version === 3) lines.push("  },", `  "mac": ${JSON.stringify(header.mac)}`, "}", "");
  else lines.push("  }", "}", "");
  return lines.join("\n");
}

/**
 * Encrypts a working form into its stored form: format 3 when the document has
 * a file id, else format 2. Deterministic for one key. `previous`: the tokens
 * git holds for this file, kept for a large layer that did not change (encryptSlot).
 */
export function encryptWorkingForm(doc: WorkingForm, repoKey: RepoKey, previous: PreviousTokens = {}): StoredForm {
  if (repoKey.layers) return encryptLayered(doc, repoKey, repoKey.layers, previous);
  const sealed = sealedLayerNames(doc.sealed);
  if (sealed.length) {
    throw new BackpackError("INVALID_FILE", `the ${sealed.join(", ")} layer of this file is sealed, but this repository encrypts every layer with one key`, "restore the file with `git checkout -- FILE`: a sealed layer belongs to a team repository with a key per layer");
  }
  const keys = deriveKeys(repoKey.key);
  const binding: Binding = doc.id === undefined ? { version: 2 } : { version: 3, file: doc.id };
  const seal = (slot: Slot, value: JsonValue, compress = false) =>
    encryptSlot(keys, slot, Buffer.from(canonicalJson(value), "utf8"), compress, binding, previous[slot]);
  const layers: StoredForm["layers"] = {
    credentials: seal("credentials", doc.credentials as JsonObject),
    personality: seal("personality", doc.personality),
    memory: seal("memory", doc.memory, true),
  };
  if (doc.agent !== undefined) layers.meta = seal("meta", doc.agent as JsonObject);
  return withHeader(keys, repoKey, binding, layers);
}

/** The file id a file without one gets in a team with a key per layer: derived from the file key, so clean stays deterministic. */
export function derivedFileId(repoKey: RepoKey): string {
  return createHmac("sha256", repoKey.key).update("backpack/v3/derived-file-id").digest().subarray(0, 16).toString("base64url");
}

/**
 * A file with a key per layer (team repositories): each layer this user reads
 * encrypted with its layer's current key, each sealed layer's token kept byte
 * for byte (with the fingerprint it names), meta and the integrity line with
 * the file key. NO_KEY when a layer is in plaintext here but its key is not
 * held (it must not be written under a key this user cannot name).
 */
function encryptLayered(doc: WorkingForm, repoKey: RepoKey, layerKeys: NonNullable<RepoKey["layers"]>, previous: PreviousTokens): StoredForm {
  // Format 3 always. A file made without an id (by hand, or before format 3) gets one derived from the
  // file key, so clean stays deterministic; checkout then writes it into the working file, which keeps it.
  const id = doc.id ?? derivedFileId(repoKey);
  const binding: Binding = { version: 3, file: id };
  const held: Partial<Record<LayerName, Buffer>> = {};
  for (const layer of LAYER_NAMES) {
    const key = layerKeys[layer].key;
    if (key && !doc.sealed?.[layer]) held[layer] = key;
  }
  const keys = deriveLayeredKeys(repoKey.key, held);
  const fingerprints: Record<LayerName, string> = { credentials: "", personality: "", memory: "" };
  const tokens: Record<LayerName, string> = { credentials: "", personality: "", memory: "" };
  for (const layer of LAYER_NAMES) {
    const sealed = doc.sealed?.[layer];
    if (sealed) {
      tokens[layer] = sealed.token;
      fingerprints[layer] = sealed.key;
      continue;
    }
    if (!held[layer]) {
      throw new BackpackError(
        "NO_KEY",
        `the ${layer} layer is in plaintext here, but you do not hold its current key (${layerKeys[layer].fingerprint})`,
        "you are not (or no longer) a reader of that layer: restore the file with `git checkout -- FILE`, or ask a reader to commit the change",
      );
    }
    tokens[layer] = encryptSlot(keys, layer, Buffer.from(canonicalJson(doc[layer] as JsonObject), "utf8"), layer === "memory", binding, previous[layer]);
    fingerprints[layer] = layerKeys[layer].fingerprint;
  }
  const layers: StoredForm["layers"] = { ...tokens };
  if (doc.agent !== undefined) layers.meta = encryptSlot(keys, "meta", Buffer.from(canonicalJson(doc.agent as JsonObject), "utf8"), false, binding);
  return withHeader(keys, repoKey, binding, layers, fingerprints);
}

/**
 * Encrypts the marked-up text of a conflicted merge into the conflict form,
 * bound to the file id when there is one. Deterministic, like every layer.
 */
export function encryptConflictText(text: string, repoKey: RepoKey, id?: string): ConflictForm {
  const binding: Binding = id === undefined ? { version: 2 } : { version: 3, file: id };
  if (repoKey.layers && binding.version === 3) {
    // The text holds every layer the merger read in plaintext: sealed with all of their keys together.
    const held: Partial<Record<LayerName, Buffer>> = {};
    const fingerprints: Partial<Record<LayerName, string>> = {};
    for (const layer of LAYER_NAMES) {
      const mine = repoKey.layers[layer];
      if (mine.key) {
        held[layer] = mine.key;
        fingerprints[layer] = mine.fingerprint;
      }
    }
    const keys = deriveLayeredKeys(repoKey.key, held);
    return withHeader(keys, repoKey, binding, { conflict: encryptSlot(keys, "conflict", Buffer.from(text, "utf8"), true, binding) }, fingerprints);
  }
  const keys = deriveKeys(repoKey.key);
  return withHeader(keys, repoKey, binding, { conflict: encryptSlot(keys, "conflict", Buffer.from(text, "utf8"), true, binding) });
}

function withHeader<L extends StoredForm["layers"] | ConflictForm["layers"]>(
  keys: DerivedKeys,
  repoKey: RepoKey,
  binding: Binding,
  layers: L,
  layerKeys?: Partial<Record<LayerName, string>>,
): L extends ConflictForm["layers"] ? ConflictForm : StoredForm {
  const base = { backpack: "agent.lock" as const, cipher: CIPHER_ID, key: keys.fingerprint, ...(repoKey.kdf ? { kdf: repoKey.kdf } : {}) };
  if (binding.version === 2) return { ...base, version: 2, layers } as never;
  const unsigned = { ...base, version: 3 as const, id: binding.file, ...(layerKeys ? { keys: layerKeys } : {}), layers, mac: "" };
  unsigned.mac = integrityTag(keys, integrityHeader(unsigned), storedSlots(unsigned as EncryptedForm));
  return unsigned as never;
}
