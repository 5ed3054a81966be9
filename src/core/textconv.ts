/**
 * The text `git diff` compares for an agent.lock (the textconv driver), pure.
 *
 * A working form renders as the working form itself, in the very layout the
 * smudge filter writes (2-space JSON, fixed top-level order, one key per
 * line), with every embedded credential value replaced by a short
 * fingerprint:
 *
 *   {
 *     "version": 2,
 *     "credentials": {
 *       "DEPLOY_TOKEN": {
 *         "source": "embedded",
 *         "value": "<redacted:5c0e1f9a>"
 *       },
 *       ...
 *
 * So for a file with nothing to redact, the rendering of a checked-out
 * version is that file byte for byte: an editor that compares `git show
 * --textconv REV:agent.lock` with the working file (VS Code's gutter) sees
 * only what changed. The layer is named in each hunk header by the
 * `diff.backpack.xfuncname` setup writes (the layer's opening line).
 *
 * git smudges a blob before textconv sees it, so the input is the working form
 * when the key is at hand and the stored form when not (rendered as its header
 * and one fingerprint per layer: the diff still shows which layer changed).
 * Never throws: a file that cannot be shown renders as a one-line note.
 *
 * git starts one process per file version for textconv, so this module loads
 * nothing heavy (no zod): shapes are checked by hand, enough to render.
 */
import { createHash, createHmac } from "node:crypto";
import { canonicalJson, findProtoKey, hasV1Shape, isRecord, sortKeysDeep, withoutBom } from "./canonical.js";
import { hasConflictMarkers } from "./conflict-markers.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";
import { type SealedLayer, type SealedLayers, describeSealed, readSealedPlaceholder, sealedLayerNames, sealedPlaceholder } from "./sealed.js";
import { LAYER_NAMES } from "./types.js";
import type { JsonObject, JsonValue } from "./schema.js";

export interface TextconvOptions {
  /** Show embedded credential values instead of their fingerprints. */
  showSecrets?: boolean;
}

type Json = JsonValue;
type JsonRecord = JsonObject;

const NAME = "agent.lock";
/** Fields of a credential that are never secret. */
const PUBLIC_CREDENTIAL_FIELDS = new Set(["source", "description"]);

/** The textconv rendering of an agent.lock in any form (or of anything else, as a note). */
export function renderTextconv(text: string, options: TextconvOptions = {}): string {
  const body = withoutBom(text);
  if (body.trim() === "") return "";
  if (hasConflictMarkers(body)) return note("has unresolved merge conflict markers: resolve them to see the layers");
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return note("cannot be shown: not valid JSON (it may be truncated or hand-edited)");
  }
  if (body.length > MAX_JSON_DEPTH * 2 && nestsDeeperThan(json)) return note(`cannot be shown: it nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (!isRecord<JsonValue>(json)) return note("cannot be shown: not an agent.lock (expected a JSON object)");
  if (json.backpack === "agent.lock" && isRecord<JsonValue>(json.layers)) return renderLocked(json);
  if ((json.version === "1.0" || hasV1Shape(json)) && isRecord<JsonValue>(json.layers)) return renderLockedV1(json.layers);
  if (json.version === 2) {
    // JavaScript would take a "__proto__" key for a prototype: refused, as every reader of the file does.
    if (findProtoKey(json)) return note('cannot be shown: it uses the reserved key "__proto__"');
    return renderWorking(json, undefined, options);
  }
  return note(`cannot be shown: not an agent.lock this version of backpack reads (version ${JSON.stringify(json.version ?? null)})`);
}

/**
 * The rendering of a decrypted document: its working-form text with embedded
 * credential values redacted (unless `showSecrets`). `heading`, when given,
 * is a first line of its own (the textconv entry uses it for a format 1.0
 * file it decrypted itself).
 */
export function renderWorking(doc: Record<string, unknown>, heading?: string, options: TextconvOptions = {}): string {
  const ordered: { [key: string]: JsonValue } = { version: (doc.version ?? 2) as JsonValue };
  // The working form's own order (serializeWorkingForm): a file renders as itself only if the keys come in its order.
  if (doc.id !== undefined) ordered.id = doc.id as JsonValue;
  if (doc.agent !== undefined) ordered.agent = sortKeysDeep(doc.agent as Json);
  for (const layer of LAYER_NAMES) {
    const value = doc[layer] as Json | undefined;
    if (value === undefined) continue;
    const sealed = readSealedPlaceholder(value);
    if (sealed) {
      // A layer this user cannot open (teams with a key per layer): named, with a fingerprint of its token, so a change shows.
      ordered[layer] = `${describeSealed(sealed)} ${tokenFingerprint(sealed.token)}`;
      continue;
    }
    ordered[layer] = layer === "credentials" && !options.showSecrets ? redactCredentials(value) : sortKeysDeep(value);
  }
  // Keys the working form does not have (a hand-edited file): shown too, after the layers, sorted.
  for (const key of Object.keys(doc).sort()) {
    if (!(key in ordered)) ordered[key] = sortKeysDeep(doc[key] as Json);
  }
  const text = `${JSON.stringify(ordered, null, 2)}\n`;
  return heading === undefined ? text : `${heading}\n${text}`;
}

/**
 * The textconv rendering of a decrypted working form when it differs from
 * the form's own text (`serializeWorkingForm`), else undefined: undefined
 * means "nothing to redact, the file renders as itself". What the filter
 * process records for the textconv script (git/render-cache.ts).
 */
export function redactedRendering(doc: Record<string, unknown>): string | undefined {
  // A document with sealed layers (teams with a key per layer) renders them as such: shown as their placeholders.
  const sealed = doc.sealed as SealedLayers | undefined;
  if (sealedLayerNames(sealed).length) {
    const json: Record<string, unknown> = { ...doc };
    delete json.sealed;
    for (const layer of sealedLayerNames(sealed)) json[layer] = sealedPlaceholder(sealed?.[layer] as SealedLayer);
    return renderWorking(json);
  }
  if (LAYER_NAMES.some((layer) => readSealedPlaceholder(doc[layer]) !== undefined)) return renderWorking(doc);
  return hasRedactedValues(doc.credentials as Json | undefined) ? renderWorking(doc) : undefined;
}

/** True when the credentials layer holds anything the rendering redacts. */
function hasRedactedValues(credentials: Json | undefined): boolean {
  if (credentials === undefined) return false;
  if (!isRecord<JsonValue>(credentials)) return true;
  for (const name of Object.keys(credentials)) {
    const entry = credentials[name] as Json;
    if (!isRecord<JsonValue>(entry)) return true;
    for (const field of Object.keys(entry)) if (!PUBLIC_CREDENTIAL_FIELDS.has(field)) return true;
  }
  return false;
}

/** The credentials layer with every value but the public fields replaced by its fingerprint; keys sorted. */
function redactCredentials(value: Json): Json {
  if (!isRecord<JsonValue>(value)) return redactionTag("credentials", value);
  const out: { [key: string]: JsonValue } = {};
  for (const name of Object.keys(value).sort()) {
    const entry = value[name] as Json;
    if (!isRecord<JsonValue>(entry)) {
      out[name] = redactionTag(name, entry);
      continue;
    }
    const fields: { [key: string]: JsonValue } = {};
    for (const field of Object.keys(entry).sort()) {
      const fieldValue = entry[field] as Json;
      fields[field] = PUBLIC_CREDENTIAL_FIELDS.has(field) ? sortKeysDeep(fieldValue) : redactionTag(name, fieldValue);
    }
    out[name] = fields;
  }
  return out;
}

/**
 * A short fingerprint of a credential value: the first 32 bits of an HMAC
 * keyed with the credential's name, so a changed value shows as changed and
 * two credentials with one value do not look alike. It cannot be reversed to
 * a strong secret; see docs/diff-and-merge.md for what it means for weak ones.
 */
export function redactionTag(name: string, value: Json | undefined): string {
  const tag = createHmac("sha256", `backpack/v2/redaction/${name}`).update(canonicalJson(value ?? null)).digest("hex").slice(0, 8);
  return `<redacted:${tag}>`;
}

/** A short fingerprint of a ciphertext (public data): equal tokens, equal fingerprints. */
export function tokenFingerprint(token: unknown): string {
  return createHash("sha256").update(String(token)).digest("hex").slice(0, 8);
}

function note(message: string): string {
  return `# ${NAME}: ${message}\n`;
}

function renderLocked(stored: JsonRecord): string {
  const layers = stored.layers as JsonRecord;
  const key = typeof stored.key === "string" ? stored.key : "unknown";
  const what = "conflict" in layers ? "an unresolved merge conflict, encrypted" : "locked: no key at hand to decrypt it";
  const lines = [`# ${NAME}: ${what} (key ${key}${isRecord<JsonValue>(stored.kdf) ? ", from a passphrase" : ""})`];
  lines.push("# unlock with the repository's key to see the layers (see `backpack status`)");
  for (const [slot, token] of Object.entries(layers)) lines.push(`[${slot}] encrypted ${tokenFingerprint(token)}`);
  return `${lines.join("\n")}\n`;
}

function renderLockedV1(layers: JsonRecord): string {
  const lines = [
    `# ${NAME}: format 1.0 (the Python tool), encrypted with a passphrase that is not at hand`,
    "# set AGENT_MASTER_KEY to its passphrase to see the layers, or upgrade it with `backpack migrate`",
  ];
  for (const layer of LAYER_NAMES) {
    const entry = layers[layer];
    lines.push(`[${layer}] encrypted ${tokenFingerprint(isRecord<JsonValue>(entry) ? entry.data : entry)}`);
  }
  return `${lines.join("\n")}\n`;
}
