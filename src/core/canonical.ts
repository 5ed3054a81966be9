/**
 * Canonical JSON: object keys sorted by code unit, no insignificant white
 * space, JSON.stringify's number and string forms (as RFC 8785 uses). Each layer
 * is serialised this way before encryption, so formatting and key order alone
 * never change a ciphertext.
 */
import type { JsonValue } from "./schema.js";

/** Sorts object keys recursively; arrays keep their order. */
export function sortKeysDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    // defineProperty, not assignment: a "__proto__" key is data here, never a prototype.
    for (const key of Object.keys(value).sort()) {
      Object.defineProperty(out, key, { value: sortKeysDeep(value[key] as JsonValue), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** The canonical text of a JSON value. */
export function canonicalJson(value: JsonValue): string {
  return JSON.stringify(sortKeysDeep(value));
}

/**
 * The path of the first "__proto__" key in a parsed JSON value, if any. Such
 * keys are refused: JavaScript objects (and zod) would turn them into a
 * prototype, silently dropping the data, so they could not round-trip.
 */
export function findProtoKey(value: unknown, path: string[] = []): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  for (const key of Object.keys(value)) {
    if (key === "__proto__") return [...path, key].join(".");
    const found = findProtoKey((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}
