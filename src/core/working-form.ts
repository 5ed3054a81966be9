/**
 * The working form, read without zod: the clean filter's fast path. git runs
 * clean on every `git add`, and on `git status` for a file whose stat data
 * changed; loading and building zod's schemas is about 40 ms of each such
 * start, more than all the rest of clean.
 *
 * `readWorkingForm` vouches only for what workingFormSchema accepts (a
 * property test holds them together) and declines everything else, a valid
 * file of another form included; the caller then asks agent-lock.ts's
 * parseAgentLock, which says what the file is or what is wrong with it. So a
 * file is never accepted here that the schema would refuse, and every error
 * message still comes from one place.
 */
import { findProtoKey, isJsonObject, isRecord, onlyKeys, withoutBom } from "./canonical.js";
import { hasConflictMarkers } from "./conflict-markers.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";
import { findDuplicateKey } from "./duplicate-keys.js";
import { CREDENTIAL_VALUE_FORBIDDEN, FILE_CREDENTIAL_NAME, FILE_ID } from "./types.js";
import { extractSealed, sealedLayerNames } from "./sealed.js";
import type { Credential, JsonObject, WorkingForm } from "./schema.js";

const TOP_KEYS = new Set(["version", "id", "agent", "credentials", "personality", "memory"]);
const VAULT_KEYS = new Set(["source", "description"]);
const EMBEDDED_KEYS = new Set(["source", "value", "description"]);

const optionalString = (value: unknown) => value === undefined || typeof value === "string";

function isCredential(value: unknown): value is Credential {
  if (!isRecord(value) || !optionalString(value.description)) return false;
  if (value.source === "vault") return onlyKeys(value, VAULT_KEYS);
  return value.source === "embedded" && onlyKeys(value, EMBEDDED_KEYS) && typeof value.value === "string" && !CREDENTIAL_VALUE_FORBIDDEN.test(value.value);
}

function isCredentials(value: unknown): value is WorkingForm["credentials"] {
  return isRecord(value) && Object.entries(value).every(([name, entry]) => FILE_CREDENTIAL_NAME.test(name) && isCredential(entry));
}

/** The working form in `text` when it is one beyond doubt, else undefined (never throws). */
export function readWorkingForm(text: string): WorkingForm | undefined {
  const body = withoutBom(text);
  if (hasConflictMarkers(body)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  // Too deep: declined here, so parseAgentLock says so (json-depth.ts) before any walk below recurses.
  if (body.length > MAX_JSON_DEPTH * 2 && nestsDeeperThan(json)) return undefined;
  if (!isRecord(json) || !onlyKeys(json, TOP_KEYS) || json.version !== 2 || findProtoKey(json) || findDuplicateKey(body) !== undefined) return undefined;
  // Sealed layers (team repositories with a key per layer) come out first: a layer with a damaged placeholder declines.
  const extracted = extractSealed(json);
  if (!extracted) return undefined;
  const { agent, credentials, personality, memory } = json;
  if (!isCredentials(credentials) || !isJsonObject(personality) || !isJsonObject(memory)) return undefined;
  const doc: WorkingForm = { version: 2, credentials, personality, memory };
  if (sealedLayerNames(extracted.sealed).length) doc.sealed = extracted.sealed;
  if (json.id !== undefined) {
    if (typeof json.id !== "string" || !FILE_ID.test(json.id)) return undefined;
    doc.id = json.id;
  }
  if (agent !== undefined) {
    if (!isJsonObject(agent) || !optionalString(agent.name) || !optionalString(agent.description)) return undefined;
    doc.agent = agent as JsonObject;
  }
  return doc;
}
