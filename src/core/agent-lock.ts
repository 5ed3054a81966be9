/**
 * Reading and writing agent.lock in its forms (pure: text in, text out).
 *
 * Stored form layout, fixed so that a raw diff shows which layer changed:
 *
 *   {
 *     "backpack": "agent.lock",
 *     "version": 2,
 *     "cipher": "aes-256-gcm-hsiv",
 *     "key": "<16 hex: key fingerprint>",
 *     "kdf": {...},                     (only when the key came from a passphrase)
 *     "layers": {
 *       "meta": "v2.j.<...>",           (only when there is metadata)
 *       "credentials": "v2.j.<...>",
 *       "personality": "v2.j.<...>",
 *       "memory": "v2.z.<...>"
 *     }
 *   }
 */
import { z } from "zod";
import { BackpackError } from "../errors.js";
import { canonicalJson, findProtoKey, isJsonObject, sortKeysDeep } from "./canonical.js";
import { type DerivedKeys, type Slot, deriveKeys, encryptSlot, tryDecryptSlot } from "./crypto.js";
import { type RepoKey } from "./key-material.js";
import {
  type JsonObject,
  type JsonValue,
  LAYER_NAMES,
  type StoredForm,
  type V1Form,
  type WorkingForm,
  CIPHER_ID,
  storedFormSchema,
  v1FormSchema,
  workingFormSchema,
} from "./schema.js";

export type ParsedAgentLock =
  | { form: "working"; doc: WorkingForm }
  | { form: "stored"; stored: StoredForm }
  | { form: "v1"; v1: V1Form };

const CONFLICT_MARKER = /^(<{7}|={7}|>{7})(\s|$)/m;

/** True when text holds git conflict markers at the start of a line. */
export function hasConflictMarkers(text: string): boolean {
  return CONFLICT_MARKER.test(text);
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return "it does not match the schema";
  const where = first.path.length ? first.path.join(".") : "top level";
  return `${where}: ${first.message}`;
}

/**
 * Parses any form of agent.lock. `name` names the file in messages.
 * Throws BackpackError (INVALID_FILE or CONFLICT) for anything else.
 */
export function parseAgentLock(text: string, name = "agent.lock"): ParsedAgentLock {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (hasConflictMarkers(body)) {
    throw new BackpackError("CONFLICT", `${name} still has merge conflict markers`, `resolve the conflicts in ${name}, then \`git add\` it`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const hint = body.trim().length === 0 ? "it is empty" : "it may be truncated or hand-edited";
    throw new BackpackError("INVALID_FILE", `${name} is not valid JSON (${hint})`, `check the file, or restore it with \`git checkout -- ${name}\``);
  }
  return classify(json, name);
}

function classify(json: unknown, name: string): ParsedAgentLock {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new BackpackError("INVALID_FILE", `${name} is not an agent.lock (expected a JSON object)`, "run `backpack validate` for details");
  }
  const proto = findProtoKey(json);
  if (proto) {
    throw new BackpackError("INVALID_FILE", `${name} uses the reserved key "__proto__" (at ${proto})`, "rename that key: JavaScript cannot keep it as data");
  }
  const obj = json as Record<string, unknown>;
  if (obj.backpack === "agent.lock" || (typeof obj.cipher === "string" && "layers" in obj && obj.version !== "1.0")) {
    const parsed = storedFormSchema.safeParse(obj);
    if (!parsed.success) {
      throw new BackpackError("INVALID_FILE", `${name} is a damaged stored form (${describeIssues(parsed.error)})`, `restore it with \`git checkout -- ${name}\``);
    }
    return { form: "stored", stored: parsed.data };
  }
  if (obj.version === "1.0") {
    const parsed = v1FormSchema.safeParse(obj);
    if (!parsed.success) {
      throw new BackpackError("INVALID_FILE", `${name} is a damaged format 1.0 file (${describeIssues(parsed.error)})`, "check the file, or restore it from a backup");
    }
    return { form: "v1", v1: parsed.data };
  }
  const parsed = parseWorkingForm(obj);
  if (!parsed.success) {
    throw new BackpackError("INVALID_FILE", `${name} is not a valid agent.lock (${describeIssues(parsed.error)})`, `fix it, or see \`backpack validate ${name}\``);
  }
  return { form: "working", doc: parsed.data };
}

/** The free-form layers: any JSON object. */
const FREE_FORM_LAYERS = ["personality", "memory"] as const;

/**
 * workingFormSchema.safeParse, fast on large layers: zod checks the shape, and
 * a free-form layer that is a JSON object (from JSON.parse, so JSON by
 * construction) is checked by `isJsonObject` instead of zod's recursive union.
 * Anything else goes to zod as it is, for zod's error message.
 */
function parseWorkingForm(obj: Record<string, unknown>): ReturnType<typeof workingFormSchema.safeParse> {
  const shallow: Record<string, unknown> = { ...obj };
  for (const layer of FREE_FORM_LAYERS) if (isJsonObject(obj[layer])) shallow[layer] = {};
  const parsed = workingFormSchema.safeParse(shallow);
  if (parsed.success) for (const layer of FREE_FORM_LAYERS) parsed.data[layer] = obj[layer] as JsonObject;
  return parsed;
}

/** A new, empty working form. */
export function emptyWorkingForm(): WorkingForm {
  return { version: 2, credentials: {}, personality: {}, memory: {} };
}

/**
 * The working form as the user sees it: 2-space JSON, fixed top-level order,
 * keys inside layers sorted (the canonical order), trailing newline.
 */
export function serializeWorkingForm(doc: WorkingForm): string {
  const ordered: { [key: string]: JsonValue } = { version: 2 };
  if (doc.agent !== undefined) ordered.agent = sortKeysDeep(doc.agent as JsonObject);
  for (const layer of LAYER_NAMES) ordered[layer] = sortKeysDeep(doc[layer] as JsonObject);
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The stored form's fixed, line-per-layer text. */
export function serializeStoredForm(stored: StoredForm): string {
  const lines = [
    "{",
    `  "backpack": "agent.lock",`,
    `  "version": 2,`,
    `  "cipher": ${JSON.stringify(stored.cipher)},`,
    `  "key": ${JSON.stringify(stored.key)},`,
  ];
  if (stored.kdf) lines.push(`  "kdf": ${JSON.stringify(stored.kdf)},`);
  lines.push(`  "layers": {`);
  const slots: [string, string][] = [];
  if (stored.layers.meta !== undefined) slots.push(["meta", stored.layers.meta]);
  for (const layer of LAYER_NAMES) slots.push([layer, stored.layers[layer]]);
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

/** Throws WRONG_KEY unless the key's fingerprint is the one in the header. */
export function assertKeyMatches(stored: StoredForm, repoKey: RepoKey, name = "agent.lock"): void {
  if (stored.key !== repoKey.fingerprint) {
    throw new BackpackError(
      "WRONG_KEY",
      `${name} is encrypted with key ${stored.key}, but the key at hand is ${repoKey.fingerprint}`,
      "unlock with the key it was made with (`backpack key import`, or AGENT_MASTER_KEY)",
    );
  }
}

const slotSchemas = {
  meta: workingFormSchema.shape.agent.unwrap(),
  credentials: workingFormSchema.shape.credentials,
  personality: workingFormSchema.shape.personality,
  memory: workingFormSchema.shape.memory,
} as const;

function openSlot(keys: DerivedKeys, stored: StoredForm, slot: Slot, name: string): JsonValue {
  const token = stored.layers[slot];
  if (token === undefined) throw new BackpackError("INTERNAL", `no ${slot} layer`);
  const result = tryDecryptSlot(keys, slot, token);
  if (result === "malformed") {
    throw new BackpackError("INVALID_FILE", `the ${slot} layer of ${name} is truncated or malformed`, `restore it with \`git checkout -- ${name}\``);
  }
  if (result === "unauthentic") {
    // Name the cause precisely: a layer moved from another slot, or a changed byte.
    for (const other of ["meta", ...LAYER_NAMES] as Slot[]) {
      if (other !== slot && typeof tryDecryptSlot(keys, other, token) !== "string") {
        throw new BackpackError("TAMPERED", `the ${slot} line of ${name} holds the ${other} layer: layers were swapped`, `restore it with \`git checkout -- ${name}\``);
      }
    }
    throw new BackpackError("TAMPERED", `the ${slot} layer of ${name} failed authentication: it was modified or corrupted`, `restore it with \`git checkout -- ${name}\``);
  }
  let value: unknown;
  try {
    value = JSON.parse(result.toString("utf8"));
  } catch {
    throw new BackpackError("TAMPERED", `the ${slot} layer of ${name} decrypted to invalid JSON`, "the file was written by an incompatible tool; restore it from git");
  }
  if (findProtoKey(value)) {
    throw new BackpackError("INVALID_FILE", `the ${slot} layer of ${name} uses the reserved key "__proto__"`, "rename that key: JavaScript cannot keep it as data");
  }
  if ((slot === "personality" || slot === "memory") && isJsonObject(value)) return value;
  const checked = slotSchemas[slot].safeParse(value);
  if (!checked.success) {
    throw new BackpackError("INVALID_FILE", `the ${slot} layer of ${name} is invalid (${describeIssues(checked.error)})`, "restore it from git");
  }
  return checked.data as JsonValue;
}

/** Decrypts a stored form with a key whose fingerprint must match the header. */
export function decryptStoredForm(stored: StoredForm, repoKey: RepoKey, name = "agent.lock"): WorkingForm {
  assertKeyMatches(stored, repoKey, name);
  const keys = deriveKeys(repoKey.key);
  const doc: WorkingForm = {
    version: 2,
    credentials: openSlot(keys, stored, "credentials", name) as WorkingForm["credentials"],
    personality: openSlot(keys, stored, "personality", name) as JsonObject,
    memory: openSlot(keys, stored, "memory", name) as JsonObject,
  };
  if (stored.layers.meta !== undefined) doc.agent = openSlot(keys, stored, "meta", name) as WorkingForm["agent"];
  return doc;
}
