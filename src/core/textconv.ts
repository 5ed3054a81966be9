/**
 * The text `git diff` compares for an agent.lock (the textconv driver), pure.
 * Made for line diffs: a section per layer, a line per key (dotted paths
 * through objects), arrays one element per line, multi-line strings split into
 * lines, credential values redacted to a short fingerprint.
 *
 *   # agent.lock (decrypted)
 *   [credentials]
 *   OPENAI_API_KEY.source = "vault"
 *   DEPLOY_TOKEN.source = "embedded"
 *   DEPLOY_TOKEN.value = <redacted:5c0e1f9a>
 *   [personality]
 *   system_prompt = """
 *     You are a careful analyst.
 *     Cite your sources.
 *   """
 *   tone = "formal"
 *   [memory]
 *   facts = [
 *     "Ada likes tea"
 *   ]
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
import { canonicalJson, isRecord, withoutBom } from "./canonical.js";
import { hasConflictMarkers } from "./conflict-markers.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";
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
  if (json.version === "1.0" && isRecord<JsonValue>(json.layers)) return renderLockedV1(json.layers);
  if (json.version === 2) return renderWorking(json, "# agent.lock (decrypted)", options);
  return note(`cannot be shown: not an agent.lock this version of backpack reads (version ${JSON.stringify(json.version ?? null)})`);
}

/**
 * The rendering of a decrypted document. `heading` is its first line; the
 * textconv entry uses it for a format 1.0 file it decrypted itself.
 */
export function renderWorking(doc: Record<string, unknown>, heading: string, options: TextconvOptions = {}): string {
  const sections: string[][] = [];
  if (doc.agent !== undefined) sections.push(["[agent]", ...keyLines(doc.agent as Json, "")]);
  for (const layer of LAYER_NAMES) {
    const value = (doc[layer] ?? {}) as Json;
    const lines = layer === "credentials" ? credentialLines(value, options) : keyLines(value, "");
    sections.push([`[${layer}]`, ...(lines.length > 0 ? lines : ["(empty)"])]);
  }
  const other = Object.keys(doc).filter((key) => key !== "version" && key !== "agent" && !(LAYER_NAMES as readonly string[]).includes(key));
  if (other.length > 0) sections.push(["[other]", ...other.sort().flatMap((key) => keyLines(doc[key] as Json, segment(key)))]);
  return `${[heading, ...sections.map((lines) => lines.join("\n"))].join("\n")}\n`;
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

function credentialLines(value: Json, options: TextconvOptions): string[] {
  if (!isRecord<JsonValue>(value)) return keyLines(value, "");
  return Object.keys(value)
    .sort()
    .flatMap((name) => {
      const entry = value[name] as Json;
      const path = segment(name);
      if (options.showSecrets) return keyLines(entry, path);
      if (!isRecord<JsonValue>(entry)) return [`${path} = ${redactionTag(name, entry)}`];
      return Object.keys(entry)
        .sort()
        .flatMap((field) => {
          const fieldPath = `${path}.${segment(field)}`;
          const fieldValue = entry[field] as Json;
          return PUBLIC_CREDENTIAL_FIELDS.has(field) ? keyLines(fieldValue, fieldPath) : [`${fieldPath} = ${redactionTag(name, fieldValue)}`];
        });
    });
}

/** A path segment: bare when it is a plain word, JSON-quoted otherwise (dots, spaces, ...). */
function segment(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** One line per leaf, under `path` ("" at a layer's top). */
function keyLines(value: Json, path: string): string[] {
  if (isRecord<JsonValue>(value)) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return path ? [`${path} = {}`] : [];
    return keys.flatMap((key) => keyLines(value[key] as Json, path ? `${path}.${segment(key)}` : segment(key)));
  }
  const at = path || "(value)";
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${at} = []`];
    return [`${at} = [`, ...value.map((item) => `  ${canonicalJson(item)}`), "]"];
  }
  if (typeof value === "string" && value.includes("\n")) {
    return [`${at} = """`, ...value.split("\n").map((line) => `  ${escapeControls(line)}`), `"""`];
  }
  return [`${at} = ${JSON.stringify(value)}`];
}

/** Control characters (but tab) as \u escapes, so a stray \r cannot rewrite the terminal line. */
function escapeControls(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
