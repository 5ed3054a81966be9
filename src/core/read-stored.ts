/**
 * Reading the stored form's layout: the exact header and line layout of
 * format 2 and 3, no duplicate keys, no key beyond the format's, without zod
 * and without node:crypto (the pre-commit hook asks "is this blob encrypted?"
 * on every commit and must not pay for loading crypto). Opening the layers is
 * stored-form.ts. Pure.
 */
import { isRecord, onlyKeys, withoutBom } from "./canonical.js";
import { findDuplicateKey } from "./duplicate-keys.js";
import { CIPHER_ID, FILE_ID, LAYER_NAMES } from "./types.js";
import type { ConflictForm, EncryptedForm, KdfParams, StoredForm } from "./schema.js";

type Slot = "meta" | (typeof LAYER_NAMES)[number];

const FINGERPRINT = /^[0-9a-f]{16}$/;
const LAYER_TOKEN = { 2: /^v2\.[jzb]\.[A-Za-z0-9_-]+$/, 3: /^v3\.[jzb]\.[A-Za-z0-9_-]+$/ } as const;
const MAC = /^[A-Za-z0-9_-]{43}$/;
const SALT = /^[A-Za-z0-9_-]{22,}$/;
const HEADER_KEYS = { 2: new Set(["backpack", "version", "cipher", "key", "kdf", "layers"]), 3: new Set(["backpack", "version", "cipher", "key", "id", "keys", "kdf", "layers", "mac"]) } as const;

/** The header's "keys" (a key per layer): an object of layer names to fingerprints, else undefined. */
function readLayerKeys(value: unknown): Partial<Record<Slot, string>> | undefined {
  if (!isRecord(value) || !onlyKeys(value, LAYER_KEY_NAMES)) return undefined;
  const keys: Partial<Record<Slot, string>> = {};
  for (const layer of LAYER_NAMES) {
    const fingerprint = value[layer];
    if (fingerprint === undefined) continue;
    if (typeof fingerprint !== "string" || !FINGERPRINT.test(fingerprint)) return undefined;
    keys[layer] = fingerprint;
  }
  return keys;
}
const SLOT_KEYS = new Set<string>(["meta", ...LAYER_NAMES]);
const LAYER_KEY_NAMES = new Set<string>(LAYER_NAMES);
const KDF_KEYS = new Set(["name", "salt", "logN", "r", "p"]);

function intIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max;
}

function readKdf(value: unknown): KdfParams | undefined {
  if (!isRecord(value) || !onlyKeys(value, KDF_KEYS)) return undefined;
  const { name, salt, logN, r, p } = value;
  if (name !== "scrypt" || typeof salt !== "string" || !SALT.test(salt)) return undefined;
  if (!intIn(logN, 10, 22) || !intIn(r, 1, 32) || !intIn(p, 1, 16)) return undefined;
  return { name, salt, logN, r, p };
}

/**
 * The stored form in `text`, or undefined when it is anything else: a working
 * form, format 1.0, a conflict form, damaged, not JSON. Never throws.
 */
export function readStoredForm(text: string): StoredForm | undefined {
  const form = readEncryptedForm(text);
  return form && !isConflictForm(form) ? form : undefined;
}

const TOKEN_TEXT = String.raw`v[23]\.[jzb]\.[A-Za-z0-9_-]+`;
/**
 * The stored form exactly as backpack writes it (encrypt.ts, serializeEncrypted), without a
 * passphrase header or a key per layer: every file a checkout meets, nearly. Text this matches
 * is JSON without escapes or duplicate keys, and JSON.parse would give exactly these fields.
 */
const WRITTEN_LAYOUT = new RegExp(
  String.raw`^\{\n  "backpack": "agent\.lock",\n  "version": ([23]),\n  "cipher": "${CIPHER_ID}",\n  "key": "([0-9a-f]{16})",\n` +
    String.raw`(?:  "id": "([A-Za-z0-9_-]{22})",\n)?  "layers": \{\n(?:    "meta": "(${TOKEN_TEXT})",\n)?` +
    String.raw`    "credentials": "(${TOKEN_TEXT})",\n    "personality": "(${TOKEN_TEXT})",\n    "memory": "(${TOKEN_TEXT})"\n  \}` +
    String.raw`(?:,\n  "mac": "([A-Za-z0-9_-]{43})")?\n\}\n$`,
);

/** The head of the layout backpack writes, through the line that opens the layers. */
const WRITTEN_HEAD = new RegExp(String.raw`^\{\n  "backpack": "agent\.lock",\n  "version": [23],\n  "cipher": "${CIPHER_ID}",\n  "key": "([0-9a-f]{16})",\n(?:  "id": "[A-Za-z0-9_-]{22}",\n)?  "layers": \{\n`);
/** Enough of a stored form's first bytes for WRITTEN_HEAD. */
export const WRITTEN_HEAD_BYTES = 200;

/**
 * The key fingerprint of a stored form that begins as backpack writes it (a
 * header with no KDF and no layer keys), read from its first bytes only
 * (`head`: at least WRITTEN_HEAD_BYTES of them); undefined for any other
 * beginning. It says which key the file names, not that the rest is valid.
 */
export function writtenHeadKey(head: string): string | undefined {
  return WRITTEN_HEAD.exec(head)?.[1];
}

/**
 * The stored form in `text` when it is laid out exactly as backpack writes it;
 * undefined for anything else, which readEncryptedForm then reads as JSON.
 * Gives what the JSON path gives for the same text (a unit test holds them together).
 */
function readWrittenLayout(text: string): StoredForm | undefined {
  const m = WRITTEN_LAYOUT.exec(text);
  if (!m) return undefined;
  const [, versionText, key, id, meta, credentials, personality, memory, mac] = m as unknown as [string, string, string, string | undefined, string | undefined, string, string, string, string | undefined];
  const version = versionText === "3" ? 3 : 2;
  // Format 3 has an id and an integrity line, format 2 neither; every token names the file's format.
  if ((version === 3) !== (id !== undefined) || (version === 3) !== (mac !== undefined)) return undefined;
  const prefix = `v${version}.`;
  if (!credentials.startsWith(prefix) || !personality.startsWith(prefix) || !memory.startsWith(prefix) || (meta !== undefined && !meta.startsWith(prefix))) return undefined;
  const layers: StoredForm["layers"] = { credentials, personality, memory };
  if (meta !== undefined) layers.meta = meta;
  if (version === 3) return { backpack: "agent.lock", version, cipher: CIPHER_ID, key, id: id as string, mac: mac as string, layers } as StoredForm;
  return { backpack: "agent.lock", version, cipher: CIPHER_ID, key, layers } as StoredForm;
}

/**
 * The stored form or the conflict form in `text` (exactly what
 * storedFormSchema or conflictFormSchema accept), else undefined. Never throws.
 */
export function readEncryptedForm(text: string): EncryptedForm | undefined {
  // The layout backpack writes, read without JSON.parse and the duplicate-key scan (a checkout reads 1,000s).
  const written = readWrittenLayout(text);
  if (written) return written;
  let json: unknown;
  try {
    json = JSON.parse(withoutBom(text));
  } catch {
    return undefined;
  }
  if (!isRecord(json) || findDuplicateKey(text) !== undefined) return undefined;
  const { backpack, version, cipher, key, layers } = json;
  if (backpack !== "agent.lock" || (version !== 2 && version !== 3) || cipher !== CIPHER_ID) return undefined;
  if (!onlyKeys(json, HEADER_KEYS[version])) return undefined;
  if (typeof key !== "string" || !FINGERPRINT.test(key)) return undefined;
  if (!isRecord(layers)) return undefined;
  const kdf = "kdf" in json ? readKdf(json.kdf) : undefined;
  if ("kdf" in json && !kdf) return undefined;
  let header: { [field: string]: unknown };
  if (version === 3) {
    const { id, mac } = json;
    if (typeof id !== "string" || !FILE_ID.test(id) || typeof mac !== "string" || !MAC.test(mac)) return undefined;
    header = { backpack, version, cipher, key, id, mac };
    if ("keys" in json) {
      const layerKeys = readLayerKeys(json.keys);
      if (!layerKeys) return undefined;
      header.keys = layerKeys;
    }
  } else {
    header = { backpack, version, cipher, key };
  }
  if (kdf) header.kdf = kdf;
  const token = LAYER_TOKEN[version];
  if ("conflict" in layers) {
    if (Object.keys(layers).length !== 1 || typeof layers.conflict !== "string" || !token.test(layers.conflict)) return undefined;
    return { ...header, layers: { conflict: layers.conflict } } as ConflictForm;
  }
  if (!onlyKeys(layers, SLOT_KEYS)) return undefined;
  const tokens: Partial<Record<Slot, string>> = {};
  for (const slot of SLOT_KEYS as Set<Slot>) {
    const value = layers[slot];
    if (value === undefined && slot === "meta") continue;
    if (typeof value !== "string" || !token.test(value)) return undefined;
    tokens[slot] = value;
  }
  const stored = {
    ...header,
    layers: { credentials: tokens.credentials as string, personality: tokens.personality as string, memory: tokens.memory as string },
  } as StoredForm;
  if (tokens.meta !== undefined) stored.layers.meta = tokens.meta;
  return stored;
}

/** True for the conflict form (its only layer is "conflict"). */
export function isConflictForm(form: EncryptedForm): form is ConflictForm {
  return "conflict" in form.layers;
}
