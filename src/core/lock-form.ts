/**
 * A quick look at an agent.lock's form, for the pre-commit check and
 * `backpack verify`: is this blob the encrypted stored form, or does it hold
 * plaintext layers? Recognised by content, whatever the file's name: a
 * working form saved as `bot.json`, or JSON that only looks like format 1.0,
 * is plaintext all the same. Light (JSON.parse and a few fields, no schema
 * library) because it runs in the hook on every commit; strict where it says
 * "encrypted": the exact stored-form layout (core/stored-form.ts), no
 * duplicate keys, no extra keys.
 */
import { hasV1Shape, isRecord, withoutBom } from "./canonical.js";
import { findDuplicateKey } from "./duplicate-keys.js";
import { embeddedValues } from "./redact.js";
import type { WorkingForm } from "./schema.js";
import { readStoredForm } from "./read-stored.js";

/**
 * stored: encrypted (format 2 or 3); v1: encrypted by the Python tool;
 * working: plaintext layers (a working form, or anything that looks like an
 * agent.lock and is not exactly one of the encrypted forms); other: not an
 * agent.lock at all.
 */
export type LockForm = "stored" | "v1" | "working" | "other";

const LAYERS = ["credentials", "personality", "memory"] as const;
const V1_TOP = new Set(["version", "layers", "metadata"]);
const FERNET_DATA = /^Z0FBQUFB[A-Za-z0-9+/]*={0,2}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** A file without any of these words cannot be an agent.lock: most files skip JSON.parse. */
const SIGNALS = ['"credentials"', '"personality"', '"memory"', '"layers"', '"backpack"'];

function parseObject(text: string): Record<string, unknown> | undefined {
  const body = withoutBom(text).trimStart();
  if (!body.startsWith("{") || !SIGNALS.some((s) => body.includes(s))) return undefined;
  try {
    const json: unknown = JSON.parse(body);
    return isRecord(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

function isV1(obj: Record<string, unknown>): boolean {
  const layers = obj.layers;
  if (!isRecord(layers) || !Object.keys(obj).every((k) => V1_TOP.has(k)) || Object.keys(layers).length !== LAYERS.length) return false;
  return LAYERS.every((name) => {
    const layer = layers[name];
    return isRecord(layer) && Object.keys(layer).length === 2 && typeof layer.data === "string" && FERNET_DATA.test(layer.data) && typeof layer.salt === "string" && BASE64.test(layer.salt);
  });
}

/** True when the object looks like an agent.lock: its marker or version, or two of the layer names. */
function looksLikeAgentLock(obj: Record<string, unknown>): boolean {
  if (obj.backpack === "agent.lock" || obj.version === 2 || obj.version === 3 || obj.version === "1.0") return true;
  const holder = isRecord(obj.layers) ? obj.layers : obj;
  return LAYERS.filter((name) => name in holder).length >= 2;
}

/** Which form `text` is in. */
export function lockFormOf(text: string): LockForm {
  const obj = parseObject(text);
  if (!obj || !looksLikeAgentLock(obj)) return "other";
  if (findDuplicateKey(text) !== undefined) return "working";
  if (readStoredForm(text)) return "stored";
  // The Python tool never reads its own version field: a 1.0 shape without it is format 1.0 too.
  if ((obj.version === "1.0" || hasV1Shape(obj)) && isV1(obj)) return "v1";
  return "working";
}

/** The embedded credential values of a working-form agent.lock (none for any other form). */
export function embeddedCredentialValues(text: string): string[] {
  if (lockFormOf(text) !== "working") return [];
  const doc = parseObject(text) as unknown as WorkingForm;
  if (!isRecord(doc.credentials)) return [];
  // Entries are only trusted as far as their shape: anything odd is skipped, not thrown on.
  const credentials = Object.fromEntries(Object.entries(doc.credentials).filter(([, e]) => e !== null && typeof e === "object" && typeof (e as { value?: unknown }).value === "string"));
  return embeddedValues({ ...doc, credentials } as WorkingForm);
}

/** The format of an encrypted agent.lock: 3 or 2 (backpack's stored form), 1 (format 1.0, the Python tool's), or undefined for anything else. */
export function encryptedFormatOf(text: string): 1 | 2 | 3 | undefined {
  const stored = readStoredForm(text);
  if (stored) return stored.version;
  return lockFormOf(text) === "v1" ? 1 : undefined;
}

/** How a format is said in messages. */
export const formatName = (format: 1 | 2 | 3): string => (format === 1 ? "format 1.0" : `format ${format}`);

/**
 * A format downgrade from `before` to `after` (two versions of the same
 * path): format 3 going to format 2 or 1.0, which drops the file id and the
 * integrity line (`mac`) that binds the layers together. Undefined when
 * there is none (the same or a newer format, or either is not encrypted).
 */
export function formatDowngrade(before: string, after: string): { from: 3; to: 1 | 2 } | undefined {
  const to = encryptedFormatOf(after);
  if (to === undefined || to === 3) return undefined;
  return encryptedFormatOf(before) === 3 ? { from: 3, to } : undefined;
}

/** The problem a downgrade is, in words (the hook and verify say the same). */
export function downgradeText(to: 1 | 2): string {
  return `format 3 went down to ${formatName(to)}: the file id and the integrity line (mac) are gone, so its layers are no longer bound together`;
}
