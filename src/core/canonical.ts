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
    for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep(value[key] as JsonValue);
    return out;
  }
  return value;
}

/** The canonical text of a JSON value. */
export function canonicalJson(value: JsonValue): string {
  return JSON.stringify(sortKeysDeep(value));
}
