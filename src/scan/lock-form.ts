/**
 * A quick look at an agent.lock's form, for the pre-commit check: is this
 * blob the encrypted stored form, or plaintext? Deliberately light (JSON.parse
 * and a few fields, no schema library) because it runs in the hook on every
 * commit; `backpack validate` and `backpack verify` do the full check.
 */
import { hasV1Shape, isRecord, withoutBom } from "../core/canonical.js";
import { embeddedValues } from "../core/redact.js";
import type { WorkingForm } from "../core/schema.js";

/** stored: encrypted (format 2); v1: encrypted by the Python tool; working: plaintext; other: anything else. */
export type LockForm = "stored" | "v1" | "working" | "other";

const LAYER_TOKEN = /^v2\.[jz]\.[A-Za-z0-9_-]+$/;

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(withoutBom(text));
    return isRecord(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

/** Which form `text` is in. */
export function lockFormOf(text: string): LockForm {
  const obj = parseObject(text);
  if (!obj) return "other";
  const layers = obj.layers as Record<string, unknown> | undefined;
  if (obj.backpack === "agent.lock" && layers && typeof layers === "object") {
    const tokens = ["credentials", "personality", "memory"].map((name) => layers[name]);
    return tokens.every((t) => typeof t === "string" && LAYER_TOKEN.test(t)) ? "stored" : "other";
  }
  if ((obj.version === "1.0" || hasV1Shape(obj)) && layers && typeof layers === "object") {
    const creds = layers.credentials as { data?: unknown } | undefined;
    return typeof creds?.data === "string" ? "v1" : "other";
  }
  if (obj.version === 2 && obj.credentials !== null && typeof obj.credentials === "object") return "working";
  return "other";
}

/** The embedded credential values of a working-form agent.lock (none for any other form). */
export function embeddedCredentialValues(text: string): string[] {
  if (lockFormOf(text) !== "working") return [];
  const doc = parseObject(text) as unknown as WorkingForm;
  // Entries are only trusted as far as their shape: anything odd is skipped, not thrown on.
  const credentials = Object.fromEntries(Object.entries(doc.credentials).filter(([, e]) => e !== null && typeof e === "object" && typeof (e as { value?: unknown }).value === "string"));
  return embeddedValues({ ...doc, credentials } as WorkingForm);
}
