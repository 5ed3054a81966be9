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
import { canonicalJson, findProtoKey, isRecord } from "./canonical.js";
import { isConflictForm } from "./read-stored.js";
import { type Binding, type DerivedKeys, type Slot, deriveKeys, deriveLayeredKeys, integrityMatches, tryDecryptSlot } from "./crypto.js";
import { assertJsonDepth } from "./json-depth.js";
import { type SealedLayers, sealedLayerNames } from "./sealed.js";
import type { RepoKey } from "./key-material.js";
import { serializeWorkingForm } from "./layers.js";
import { LAYER_NAMES, type LayerName } from "./types.js";
// The zod-free, crypto-free readers (read-stored.ts), re-exported for callers of this module.
export { WRITTEN_HEAD_BYTES, isConflictForm, readEncryptedForm, readStoredForm, writtenHeadKey } from "./read-stored.js";
import type { ConflictForm, EncryptedForm, JsonObject, KdfParams, StoredForm, WorkingForm } from "./schema.js";

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
export function integrityHeader(form: { version: number; cipher: string; key: string; id?: string; kdf?: KdfParams | undefined; keys?: LayerKeyFingerprints | undefined }): string[] {
  const header = [`version=${form.version}`, `cipher=${form.cipher}`, `key=${form.key}`, `id=${form.id ?? ""}`, `kdf=${form.kdf ? canonicalJson(form.kdf) : ""}`];
  // A key per layer (team repositories): which key each layer is under is covered too.
  if (form.keys) header.push(`keys=${canonicalJson(form.keys as JsonObject)}`);
  return header;
}

/** The fingerprints of each layer's key in a file with a key per layer (the header's "keys"). */
export type LayerKeyFingerprints = Partial<Record<LayerName, string>>;

/** The header's "keys": set when the file has a key per layer (format 3 only). */
export function layerKeysOf(form: EncryptedForm): LayerKeyFingerprints | undefined {
  return form.version === 3 ? form.keys : undefined;
}

/**
 * The derived keys that open a form: the repo key's own, or, for a file with
 * a key per layer, the file key with each layer key held that is the one the
 * header names (a layer key that is not stays unused: that layer is sealed).
 */
export function keysForForm(form: EncryptedForm, repoKey: RepoKey): DerivedKeys {
  const layerKeys = layerKeysOf(form);
  if (!layerKeys) return deriveKeys(repoKey.key);
  const held: Partial<Record<LayerName, Buffer>> = {};
  for (const layer of LAYER_NAMES) {
    const mine = repoKey.layers?.[layer];
    if (mine?.key && layerKeys[layer] !== undefined && mine.fingerprint === layerKeys[layer]) held[layer] = mine.key;
  }
  return deriveLayeredKeys(repoKey.key, held);
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
    if (!keys.v3.has(slot as Slot)) continue; // a sealed layer: not ours to open
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
  // Every form's tokens were checked by the reader that made it (read-stored.ts, or the schema).
  const result = tryDecryptSlot(keys, slot, token, binding, true);
  if (result === "malformed") {
    throw new BackpackError("INVALID_FILE", `the ${slot} layer of ${name} is truncated or malformed`, `restore it with \`git checkout -- ${name}\``);
  }
  if (result === "unauthentic") {
    // Name the cause precisely: a layer moved from another slot, or a changed byte.
    for (const other of ["meta", ...LAYER_NAMES] as Slot[]) {
      if (other !== slot && keys.v3.has(other) && typeof tryDecryptSlot(keys, other, token, binding) !== "string") {
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
  assertJsonDepth(value, text, `the ${slot} layer of ${name}`);
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
  const keys = keysForForm(stored, repoKey);
  const layerKeys = layerKeysOf(stored);
  const sealed: SealedLayers = {};
  const layer = (slot: LayerName): JsonObject => {
    if (!layerKeys) return open(keys, slot);
    const fingerprint = layerKeys[slot];
    if (fingerprint === undefined) throw new BackpackError("INVALID_FILE", `${name} names no key for its ${slot} layer`, `restore it with \`git checkout -- ${name}\``);
    if (keys.v3.has(slot)) return open(keys, slot);
    // Not ours to open: kept as it is stored, byte for byte, with who can open it.
    const readers = repoKey.layers?.[slot]?.readers;
    sealed[slot] = { token: stored.layers[slot], key: fingerprint, ...(readers ? { readers: [...readers] } : {}) };
    return {};
  };
  const credentials = layer("credentials") as WorkingForm["credentials"];
  const personality = layer("personality");
  const memory = layer("memory");
  const agent = stored.layers.meta !== undefined ? open(keys, "meta") : undefined;
  // Each layer opened on its own first, so a pasted or damaged layer is named; then the file as a whole.
  assertIntegrity(keys, stored, name);
  const doc: WorkingForm = { version: 2, ...(stored.version === 3 ? { id: stored.id } : {}), credentials, personality, memory };
  if (agent !== undefined) doc.agent = agent;
  if (sealedLayerNames(sealed).length) doc.sealed = sealed;
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
  const keys = keysForConflict(conflict, repoKey, name);
  const text = openToken(keys, "conflict", conflict.layers.conflict, name, bindingOf(conflict)).toString("utf8");
  assertIntegrity(keys, conflict, name);
  return text;
}

/**
 * A conflict form of a file with a key per layer was written by a merger who
 * read the layers its header names, in plaintext: only who holds every one of
 * those keys opens it (NO_KEY otherwise, naming the layers).
 */
function keysForConflict(conflict: ConflictForm, repoKey: RepoKey, name: string): DerivedKeys {
  const layerKeys = layerKeysOf(conflict);
  if (!layerKeys) return deriveKeys(repoKey.key);
  const missing = LAYER_NAMES.filter((l) => layerKeys[l] !== undefined && !(repoKey.layers?.[l]?.key && repoKey.layers[l].fingerprint === layerKeys[l]));
  if (missing.length) {
    throw new BackpackError("NO_KEY", `${name} holds an unresolved merge made by a reader of the ${missing.join(", ")} layer(s), which you cannot open`, "ask a reader of those layers to resolve it, or `git merge --abort`");
  }
  return keysForForm(conflict, repoKey);
}

/**
 * The text the working tree gets for either encrypted form (what the smudge
 * filter writes): the working form for a stored form, the text with conflict
 * markers for a conflict form. Throws WRONG_KEY, TAMPERED or INVALID_FILE.
 */
export function workingTreeText(encrypted: EncryptedForm, repoKey: RepoKey, name = "agent.lock"): string {
  return isConflictForm(encrypted) ? decryptConflictText(encrypted, repoKey, name) : storedToWorkingText(encrypted, repoKey, name);
}
