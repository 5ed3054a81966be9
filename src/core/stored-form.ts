/**
 * The stored form, read and opened without zod. git runs the smudge filter on
 * every checkout, and loading zod alone costs about 50 ms of start-up (as much
 * as Node itself), so this path checks the fixed stored-form layout by hand.
 * `readStoredForm` accepts exactly what `storedFormSchema` accepts (a property
 * test holds them together); agent-lock.ts adds the zod checks of each
 * decrypted layer on top of `openSlotJson` for commands that validate.
 *
 * Layers are not schema-checked here: an authenticated layer was written by
 * someone holding the key, through the clean filter, which validated it.
 *
 * The conflict form (what the merge driver leaves for an unresolved merge:
 * the same header, one "conflict" line holding the marked-up text) is read
 * here too, so that smudge turns it into readable conflict markers:
 * `readEncryptedForm` + `workingTreeText` is the smudge filter's whole job.
 */
import { BackpackError } from "../errors/errors.js";
import { findDuplicateKey } from "./duplicate-keys.js";
import { canonicalJson, findProtoKey, isRecord, onlyKeys, withoutBom } from "./canonical.js";
import { type Binding, type DerivedKeys, type Slot, deriveKeys, integrityMatches, tryDecryptSlot } from "./crypto.js";
import { CIPHER_ID, FILE_ID } from "./types.js";
import type { RepoKey } from "./key-material.js";
import { serializeWorkingForm } from "./layers.js";
import { LAYER_NAMES } from "./types.js";
import type { ConflictForm, EncryptedForm, JsonObject, KdfParams, StoredForm, WorkingForm } from "./schema.js";

const FINGERPRINT = /^[0-9a-f]{16}$/;
const LAYER_TOKEN = { 2: /^v2\.[jz]\.[A-Za-z0-9_-]+$/, 3: /^v3\.[jz]\.[A-Za-z0-9_-]+$/ } as const;
const MAC = /^[A-Za-z0-9_-]{43}$/;
const SALT = /^[A-Za-z0-9_-]{22,}$/;
const HEADER_KEYS = { 2: new Set(["backpack", "version", "cipher", "key", "kdf", "layers"]), 3: new Set(["backpack", "version", "cipher", "key", "id", "kdf", "layers", "mac"]) } as const;
const SLOT_KEYS = new Set<string>(["meta", ...LAYER_NAMES]);
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

/**
 * The stored form or the conflict form in `text` (exactly what
 * storedFormSchema or conflictFormSchema accept), else undefined. Never throws.
 */
export function readEncryptedForm(text: string): EncryptedForm | undefined {
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

/** What each token of a form is bound to (format 3: its file id). */
export function bindingOf(form: EncryptedForm): Binding {
  return form.version === 3 ? { version: 3, file: form.id } : { version: 2 };
}

/** The slots of a form with their tokens, in their fixed order (what the integrity line covers). */
export function storedSlots(form: EncryptedForm): [string, string][] {
  const layers = form.layers as Record<string, string | undefined>;
  const slots: [string, string][] = [];
  for (const slot of ["meta", ...LAYER_NAMES, "conflict"]) {
    const token = layers[slot];
    if (token !== undefined) slots.push([slot, token]);
  }
  return slots;
}

/** The header fields the integrity line covers (everything but the line itself). */
export function integrityHeader(form: { version: number; cipher: string; key: string; id?: string; kdf?: KdfParams | undefined }): string[] {
  return [`version=${form.version}`, `cipher=${form.cipher}`, `key=${form.key}`, `id=${form.id ?? ""}`, `kdf=${form.kdf ? canonicalJson(form.kdf) : ""}`];
}

/**
 * Throws TAMPERED unless a format 3 form's integrity line matches its header
 * and tokens. When it does not, names the cause: a layer that does not open
 * under this file's id came from another file; otherwise a layer is an older
 * version, or a line was removed or added.
 */
function assertIntegrity(keys: DerivedKeys, form: EncryptedForm, name: string): void {
  if (form.version !== 3) return;
  const slots = storedSlots(form);
  if (integrityMatches(keys, integrityHeader(form), slots, form.mac)) return;
  const binding = bindingOf(form);
  for (const [slot, token] of slots) {
    if (typeof tryDecryptSlot(keys, slot as Slot, token, binding) === "string") {
      throw new BackpackError("TAMPERED", `the ${slot} layer of ${name} is not from this file (it was pasted from another file, or modified)`, `restore it with \`git checkout -- ${name}\``);
    }
  }
  throw new BackpackError(
    "TAMPERED",
    `the layers of ${name} do not match its integrity line: a layer was replaced by an older version, or a line was removed or added`,
    `restore it with \`git checkout -- ${name}\``,
  );
}

/** True for the conflict form (its only layer is "conflict"). */
export function isConflictForm(form: EncryptedForm): form is ConflictForm {
  return "conflict" in form.layers;
}

/**
 * Throws WRONG_KEY unless the key's fingerprint is the one in the header. The
 * fingerprint of a key from a passphrase is not printed: for a file that does
 * not open it would be a check value of the passphrase.
 */
export function assertKeyMatches(stored: EncryptedForm, repoKey: RepoKey, name = "agent.lock"): void {
  if (stored.key !== repoKey.fingerprint) {
    const atHand = repoKey.kdf ? "the passphrase at hand gives another key" : `the key at hand is ${repoKey.fingerprint}`;
    throw new BackpackError(
      "WRONG_KEY",
      `${name} is encrypted with key ${stored.key}, but ${atHand}`,
      "unlock with the key it was made with (`backpack key import`, AGENT_MASTER_KEY, or `backpack unlock --key-file FILE`)",
    );
  }
}

/** The slots of the stored form proper (the conflict form has its own). */
export type LayerSlot = Exclude<Slot, "conflict">;

/**
 * Decrypts one token. Throws INVALID_FILE (malformed) or TAMPERED (failed
 * authentication, naming a swap of layers as such).
 */
function openToken(keys: DerivedKeys, slot: Slot, token: string, name: string, binding: Binding): Buffer {
  const result = tryDecryptSlot(keys, slot, token, binding);
  if (result === "malformed") {
    throw new BackpackError("INVALID_FILE", `the ${slot} layer of ${name} is truncated or malformed`, `restore it with \`git checkout -- ${name}\``);
  }
  if (result === "unauthentic") {
    // Name the cause precisely: a layer moved from another slot, or a changed byte.
    for (const other of ["meta", ...LAYER_NAMES] as Slot[]) {
      if (other !== slot && typeof tryDecryptSlot(keys, other, token, binding) !== "string") {
        throw new BackpackError("TAMPERED", `the ${slot} line of ${name} holds the ${other} layer: layers were swapped`, `restore it with \`git checkout -- ${name}\``);
      }
    }
    throw new BackpackError("TAMPERED", `the ${slot} layer of ${name} failed authentication: it was modified or corrupted`, `restore it with \`git checkout -- ${name}\``);
  }
  return result;
}

/**
 * Decrypts one slot and parses its JSON. Throws as openToken does, and
 * INVALID_FILE for a "__proto__" key, TAMPERED for JSON that is not JSON.
 */
export function openSlotJson(keys: DerivedKeys, stored: StoredForm, slot: LayerSlot, name: string): unknown {
  const token = stored.layers[slot];
  if (token === undefined) throw new BackpackError("INTERNAL", `no ${slot} layer`);
  const text = openToken(keys, slot, token, name, bindingOf(stored)).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackpackError("TAMPERED", `the ${slot} layer of ${name} decrypted to invalid JSON`, "the file was written by an incompatible tool; restore it from git");
  }
  // A "__proto__" key is in the text as such or behind a \u escape; most layers have neither and skip the walk.
  if ((text.includes("__proto__") || text.includes("\\u")) && findProtoKey(value)) {
    throw new BackpackError("INVALID_FILE", `the ${slot} layer of ${name} uses the reserved key "__proto__"`, "rename that key: JavaScript cannot keep it as data");
  }
  return value;
}

function openObject(keys: DerivedKeys, stored: StoredForm, slot: LayerSlot, name: string): JsonObject {
  const value = openSlotJson(keys, stored, slot, name);
  if (!isRecord(value)) {
    throw new BackpackError("INVALID_FILE", `the ${slot} layer of ${name} is not a JSON object`, "restore it from git");
  }
  return value as JsonObject;
}

/**
 * A working-form document from a stored form, each slot opened by `open`
 * (this module's JSON-object check, or agent-lock.ts's schema check).
 * Throws WRONG_KEY unless the key is the one in the header.
 */
export function openLayers(stored: StoredForm, repoKey: RepoKey, name: string, open: (keys: DerivedKeys, slot: LayerSlot) => JsonObject): WorkingForm {
  assertKeyMatches(stored, repoKey, name);
  const keys = deriveKeys(repoKey.key);
  const credentials = open(keys, "credentials") as WorkingForm["credentials"];
  const personality = open(keys, "personality");
  const memory = open(keys, "memory");
  const agent = stored.layers.meta !== undefined ? open(keys, "meta") : undefined;
  // Each layer opened on its own first, so a pasted or damaged layer is named; then the file as a whole.
  assertIntegrity(keys, stored, name);
  const doc: WorkingForm = { version: 2, ...(stored.version === 3 ? { id: stored.id } : {}), credentials, personality, memory };
  if (agent !== undefined) doc.agent = agent;
  return doc;
}

/**
 * The working-form text of a stored form: what the smudge filter writes.
 * Throws WRONG_KEY, TAMPERED or INVALID_FILE (see openSlotJson).
 */
export function storedToWorkingText(stored: StoredForm, repoKey: RepoKey, name = "agent.lock"): string {
  return serializeWorkingForm(storedToWorkingDoc(stored, repoKey, name));
}

/** The decrypted document of a stored form (each layer a JSON object). Throws as storedToWorkingText does. */
export function storedToWorkingDoc(stored: StoredForm, repoKey: RepoKey, name = "agent.lock"): WorkingForm {
  return openLayers(stored, repoKey, name, (keys, slot) => openObject(keys, stored, slot, name));
}

/** The marked-up working text (with conflict markers) a conflict form holds. */
export function decryptConflictText(conflict: ConflictForm, repoKey: RepoKey, name = "agent.lock"): string {
  assertKeyMatches(conflict, repoKey, name);
  const keys = deriveKeys(repoKey.key);
  const text = openToken(keys, "conflict", conflict.layers.conflict, name, bindingOf(conflict)).toString("utf8");
  assertIntegrity(keys, conflict, name);
  return text;
}

/**
 * The text the working tree gets for either encrypted form (what the smudge
 * filter writes): the working form for a stored form, the text with conflict
 * markers for a conflict form. Throws WRONG_KEY, TAMPERED or INVALID_FILE.
 */
export function workingTreeText(encrypted: EncryptedForm, repoKey: RepoKey, name = "agent.lock"): string {
  return isConflictForm(encrypted) ? decryptConflictText(encrypted, repoKey, name) : storedToWorkingText(encrypted, repoKey, name);
}
