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
 *
 * The conflict form (an unresolved merge, see conflictFormSchema) has the same
 * header and one line, `"layers": {"conflict": "v2.z.<...>"}`.
 */
import { z } from "zod";
import { BackpackError } from "../errors/errors.js";
import { findProtoKey, hasV1Shape, isJsonObject, isRecord, withoutBom } from "./canonical.js";
import { type DerivedKeys } from "./crypto.js";
import { hasConflictMarkers } from "./conflict-markers.js";
import { assertJsonDepth } from "./json-depth.js";
import { findDuplicateKey } from "./duplicate-keys.js";
import { type LayerSlot, openLayers, openSlotJson } from "./stored-form.js";
import { extractSealed, hasSealedMark, readSealedPlaceholder, sealedLayerNames } from "./sealed.js";
import { LAYER_NAMES } from "./types.js";
import { type RepoKey } from "./key-material.js";
import {
  type ConflictForm,
  type JsonObject,
  type JsonValue,
  type StoredForm,
  type V1Form,
  type WorkingForm,
  conflictFormSchema,
  storedFormSchema,
  v1FormSchema,
  workingFormSchema,
} from "./schema.js";

// The zod-free parts (see stored-form.ts, layers.ts, encrypt.ts), re-exported for callers of this module.
export { serializeWorkingForm } from "./layers.js";
export { encryptConflictText, encryptWorkingForm, serializeConflictForm, serializeStoredForm } from "./encrypt.js";
export { assertKeyMatches, decryptConflictText, workingTreeText } from "./stored-form.js";
export { hasConflictMarkers };

/** An agent.lock's text, parsed: which form it is in, and its content. */
export type ParsedAgentLock =
  | {
      /** The working form: plain JSON. */
      form: "working";
      /** The parsed working form. */
      doc: WorkingForm;
    }
  | {
      /** The stored form: encrypted layers. */
      form: "stored";
      /** The parsed stored form (decrypt it with {@link decryptStoredForm}). */
      stored: StoredForm;
    }
  | {
      /** The Python tool's format "1.0". */
      form: "v1";
      /** The parsed format 1.0 file. */
      v1: V1Form;
    };

/** Any form git may hand over on checkout: the forms above, or an unresolved merge. */
export type CheckoutForm = ParsedAgentLock | { form: "conflict"; conflict: ConflictForm };

function conflictError(name: string, encrypted: boolean): BackpackError {
  return encrypted
    ? new BackpackError("CONFLICT", `${name} holds an unresolved merge conflict (encrypted)`, `unlock it (\`backpack unlock\`) to see the conflict markers, resolve them, then \`git add\` it`)
    : new BackpackError("CONFLICT", `${name} still has merge conflict markers`, `resolve the conflicts in ${name}, then \`git add\` it`);
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
  const parsed = parseCheckoutForm(text, name);
  if (parsed.form === "conflict") throw conflictError(name, true);
  return parsed;
}

/**
 * Like parseAgentLock, but also accepts the conflict form (an unresolved merge
 * left by the merge driver), for commands that show or resolve it.
 */
export function parseCheckoutForm(text: string, name = "agent.lock"): CheckoutForm {
  const body = withoutBom(text);
  if (hasConflictMarkers(body)) throw conflictError(name, false);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const hint = body.trim().length === 0 ? "it is empty" : "it may be truncated or hand-edited";
    throw new BackpackError("INVALID_FILE", `${name} is not valid JSON (${hint})`, `check the file, or restore it with \`git checkout -- ${name}\``);
  }
  assertJsonDepth(json, body, name);
  // JSON.parse keeps the last of two equal keys: a reviewer (or another tool) may see the other one.
  const duplicate = findDuplicateKey(body);
  if (duplicate !== undefined) {
    throw new BackpackError("INVALID_FILE", `${name} has the key "${duplicate}" twice`, "keep one of them: a JSON reader takes the last, others may take the first");
  }
  return classify(json, name);
}

function classify(json: unknown, name: string): CheckoutForm {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new BackpackError("INVALID_FILE", `${name} is not an agent.lock (expected a JSON object)`, "run `backpack validate` for details");
  }
  const proto = findProtoKey(json);
  if (proto) {
    throw new BackpackError("INVALID_FILE", `${name} uses the reserved key "__proto__" (at ${proto})`, "rename that key: JavaScript cannot keep it as data");
  }
  const obj = json as Record<string, unknown>;
  if (obj.backpack === "agent.lock" && isRecord(obj.layers) && "conflict" in obj.layers) {
    const parsed = conflictFormSchema.safeParse(obj);
    if (!parsed.success) {
      throw new BackpackError("INVALID_FILE", `${name} is a damaged conflict form (${describeIssues(parsed.error)})`, `restore it with \`git checkout -- ${name}\``);
    }
    return { form: "conflict", conflict: parsed.data };
  }
  if (obj.backpack === "agent.lock" || (typeof obj.cipher === "string" && "layers" in obj && obj.version !== "1.0")) {
    const parsed = storedFormSchema.safeParse(obj);
    if (!parsed.success) {
      throw new BackpackError("INVALID_FILE", `${name} is a damaged stored form (${describeIssues(parsed.error)})`, `restore it with \`git checkout -- ${name}\``);
    }
    return { form: "stored", stored: parsed.data };
  }
  if (obj.version === "1.0" || hasV1Shape(obj)) {
    const parsed = v1FormSchema.safeParse(obj);
    if (!parsed.success) {
      throw new BackpackError("INVALID_FILE", `${name} is a damaged format 1.0 file (${describeIssues(parsed.error)})`, "check the file, or restore it from a backup");
    }
    return { form: "v1", v1: parsed.data };
  }
  // A sealed layer (a team repository with a key per layer) is its stored token: taken out before the schema sees the layers.
  const body = { ...obj };
  const extracted = extractSealed(body);
  if (!extracted) {
    const layer = LAYER_NAMES.find((l) => hasSealedMark(obj[l]) && !readSealedPlaceholder(obj[l]));
    throw new BackpackError(
      "INVALID_FILE",
      `the ${layer ?? "sealed"} layer of ${name} is a damaged sealed layer (it must be {"$sealed": "<token>", "key": "<fingerprint>", "readers": [...]} exactly as checkout wrote it)`,
      `restore it with \`git checkout -- ${name}\``,
    );
  }
  const parsed = parseWorkingForm(body);
  if (!parsed.success) {
    throw new BackpackError("INVALID_FILE", `${name} is not a valid agent.lock (${describeIssues(parsed.error)})`, `fix it, or see \`backpack validate ${name}\``);
  }
  const doc: WorkingForm = parsed.data;
  if (sealedLayerNames(extracted.sealed).length) doc.sealed = extracted.sealed;
  return { form: "working", doc };
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

const slotSchemas = {
  meta: workingFormSchema.shape.agent.unwrap(),
  credentials: workingFormSchema.shape.credentials,
  personality: workingFormSchema.shape.personality,
  memory: workingFormSchema.shape.memory,
} as const;

function openSlot(keys: DerivedKeys, stored: StoredForm, slot: LayerSlot, name: string): JsonValue {
  const value = openSlotJson(keys, stored, slot, name);
  // Free-form layers need only be JSON objects: checked without zod's (slow) recursive union.
  if ((slot === "personality" || slot === "memory") && isJsonObject(value)) return value;
  const checked = slotSchemas[slot].safeParse(value);
  if (!checked.success) {
    throw new BackpackError("INVALID_FILE", `the ${slot} layer of ${name} is invalid (${describeIssues(checked.error)})`, "restore it from git");
  }
  return checked.data as JsonValue;
}

/** Decrypts a stored form with a key whose fingerprint must match the header. */
export function decryptStoredForm(stored: StoredForm, repoKey: RepoKey, name = "agent.lock"): WorkingForm {
  return openLayers(stored, repoKey, name, (keys, slot) => openSlot(keys, stored, slot, name) as JsonObject);
}
